import ArgumentParser

/// The exit codes of sysexits(3), which systemd and shell scripts understand.
extension ExitCode {
    /// 1: a check ran and found problems (`rules check` with errors).
    static let problemsFound = ExitCode(1)
    /// 64 `EX_USAGE`: the command line is wrong.
    static let usage = ExitCode(64)
    /// 65 `EX_DATAERR`: an input file is not what it should be (unparseable mail, invalid rules).
    static let dataError = ExitCode(65)
    /// 66 `EX_NOINPUT`: an input file cannot be read.
    static let noInput = ExitCode(66)
    /// 69 `EX_UNAVAILABLE`: a server cannot be reached or refuses the session.
    static let unavailable = ExitCode(69)
    /// 70 `EX_SOFTWARE`: an internal error.
    static let software = ExitCode(70)
    /// 73 `EX_CANTCREAT`: a file we must create or open for writing cannot be (the database).
    static let cannotCreate = ExitCode(73)
    /// 74 `EX_IOERR`: an input/output error (the database).
    static let ioError = ExitCode(74)
    /// 75 `EX_TEMPFAIL`: a temporary failure; trying again later may work.
    static let temporaryFailure = ExitCode(75)
    /// 76 `EX_PROTOCOL`: the server answered something the protocol does not allow.
    static let remoteProtocol = ExitCode(76)
    /// 77 `EX_NOPERM`: the server refused our credentials.
    static let noPermission = ExitCode(77)
    /// 78 `EX_CONFIG`: the configuration is wrong.
    static let configuration = ExitCode(78)
}
