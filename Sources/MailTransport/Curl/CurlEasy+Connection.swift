import CCurl

extension CurlEasy {
    /// Applies the connection settings every call gets: restricted protocols, verification on,
    /// TLS required for the plain schemes (never `CURLUSESSL_TRY`), CA file, credentials (a token
    /// is fetched now, at login time), connect and stall timeouts, TCP keepalive.
    func configure(_ settings: CurlConnectionSettings) throws(TransportError) {
        try set(CURLOPT_URL, settings.url)
        try set(CURLOPT_PROTOCOLS_STR, settings.protocols)
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile = settings.caFile { try set(CURLOPT_CAINFO, caFile) }
        if settings.isPlainScheme {
            try set(CURLOPT_USE_SSL, Int(settings.allowInsecure ? CURLUSESSL_NONE.rawValue : CURLUSESSL_ALL.rawValue))
        }
        let stall = CurlConnectionSettings.seconds(settings.stallTimeout)
        try set(CURLOPT_CONNECTTIMEOUT_MS, CurlConnectionSettings.milliseconds(settings.connectTimeout))
        try set(CURLOPT_SERVER_RESPONSE_TIMEOUT, stall)
        try set(CURLOPT_LOW_SPEED_LIMIT, 1)
        try set(CURLOPT_LOW_SPEED_TIME, stall)
        try set(CURLOPT_TCP_KEEPALIVE, 1)
        try set(CURLOPT_TCP_KEEPIDLE, 60)
        try set(CURLOPT_TCP_KEEPINTVL, 60)
        if let username = settings.username { try set(CURLOPT_USERNAME, username) }
        switch settings.credential {
        case .password(let password)?:
            try set(CURLOPT_PASSWORD, password)
            try set(CURLOPT_SASL_IR, 1)
        case .oauth2Token(let provider)?:
            let token: String
            do {
                token = try provider()
            } catch {
                throw TransportError(.configuration, "the OAuth2 token could not be read")
            }
            guard !token.isEmpty else { throw TransportError(.configuration, "the OAuth2 token is empty") }
            try set(CURLOPT_XOAUTH2_BEARER, token)
            try set(CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2")
            try set(CURLOPT_SASL_IR, 1)
        case nil:
            break
        }
    }
}
