import Configuration

/// A swift-configuration provider over an already parsed ``ConfigurationFileSnapshot``.
///
/// `FileProvider` reads its file asynchronously; the loader is synchronous (the CLI and a SIGHUP
/// reload both call it from plain code), so it reads the file itself and serves the snapshot
/// through this provider. The values never change: a reload builds a new provider.
public struct ConfigurationFileProvider: ConfigProvider {
    /// The parsed file.
    public let fileSnapshot: ConfigurationFileSnapshot

    /// Serves the given snapshot.
    public init(snapshot: ConfigurationFileSnapshot) {
        self.fileSnapshot = snapshot
    }

    /// The snapshot's provider name (the file's path).
    public var providerName: String { fileSnapshot.providerName }

    /// Looks the key up in the snapshot.
    public func value(forKey key: AbsoluteConfigKey, type: ConfigType) throws -> LookupResult {
        try fileSnapshot.value(forKey: key, type: type)
    }

    /// Same as ``value(forKey:type:)``: the file was read once.
    public func fetchValue(forKey key: AbsoluteConfigKey, type: ConfigType) async throws -> LookupResult {
        try fileSnapshot.value(forKey: key, type: type)
    }

    /// Emits the one value and never an update.
    nonisolated(nonsending) public func watchValue<Return: ~Copyable>(
        forKey key: AbsoluteConfigKey,
        type: ConfigType,
        updatesHandler: nonisolated(nonsending) (_ updates: ConfigUpdatesAsyncSequence<Result<LookupResult, any Error>, Never>) async throws
            -> Return
    ) async throws -> Return {
        try await watchValueFromValue(forKey: key, type: type, updatesHandler: updatesHandler)
    }

    /// The snapshot.
    public func snapshot() -> any ConfigSnapshot { fileSnapshot }

    /// Emits the one snapshot and never an update.
    nonisolated(nonsending) public func watchSnapshot<Return: ~Copyable>(
        updatesHandler: nonisolated(nonsending) (_ updates: ConfigUpdatesAsyncSequence<any ConfigSnapshot, Never>) async throws -> Return
    ) async throws -> Return {
        try await watchSnapshotFromSnapshot(updatesHandler: updatesHandler)
    }
}
