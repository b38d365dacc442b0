import ArgumentParser
import Intake
import MailTransport
import TicketStore

/// How a failure ends a command: its exit code (sysexits(3)).
enum ServerFailure {
    /// Transport: 77 authentication refused; 78 configuration (bad URL, missing mailbox); 75 temporary
    /// refusal or cancelled; 76 protocol violation; 69 unreachable, timed out, TLS failure or permanent
    /// refusal. Configuration and settings (rules, templates): 78. Store: 73 cannot open or create
    /// the database, 74 other database errors. Anything else: 70.
    static func exitCode(for error: any Error) -> Int32 {
        switch error {
        case is ConfigurationError, is SettingsError:
            return ExitCode.configuration.rawValue
        case let store as StoreError:
            return store.code == .cannotOpen ? ExitCode.cannotCreate.rawValue : ExitCode.ioError.rawValue
        case let transport as TransportError:
            switch transport.code {
            case .authenticationFailed: return ExitCode.noPermission.rawValue
            case .configuration, .mailboxNotFound: return ExitCode.configuration.rawValue
            case .rejectedTemporarily, .cancelled: return ExitCode.temporaryFailure.rawValue
            case .protocolError: return ExitCode.remoteProtocol.rawValue
            default: return ExitCode.unavailable.rawValue
            }
        default:
            return ExitCode.software.rawValue
        }
    }
}
