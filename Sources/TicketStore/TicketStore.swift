import Foundation
import GRDB

/// The daemon's database: tickets, their mails (raw bytes kept), mailbox cursors, the outbox,
/// the SLA event log, the quarantine and the surveys. One SQLite file in WAL mode, migrated with
/// `DatabaseMigrator`; every method says what it does and runs in one transaction.
///
/// Safe to share between tasks: GRDB's `DatabasePool` serializes writes and lets reads run beside
/// them.
public final class TicketStore: Sendable {
    let pool: DatabasePool

    /// Opens (creating when missing, with its parent folder) the store at `path` and migrates it to
    /// the current schema.
    public init(path: String) throws(StoreError) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw StoreError(.cannotOpen, "cannot create the folder of \(path): \(error.localizedDescription)")
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "support-intake.store"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try StoreSchema.migrator.migrate(pool)
        } catch {
            throw StoreError(.cannotOpen, "cannot open \(path): \(error)")
        }
    }

    /// Runs `body` in one write transaction, mapping database errors to ``StoreError``.
    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.database, "\(error)")
        }
    }

    /// Runs `body` on a read-only snapshot.
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.database, "\(error)")
        }
    }
}
