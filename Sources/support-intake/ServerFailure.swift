import ArgumentParser
import Intake
import MailTransport

/// How a server failure ends a command: its exit code (sysexits(3)) and a one-line explanation.
enum ServerFailure {
    /// 77 authentication refused; 78 configuration (bad URL, missing mailbox); 75 temporary refusal;
    /// 76 protocol violation; 69 unreachable, timed out, TLS failure or permanent refusal; 70 otherwise.
    static func exitCode(for error: any Error) -> Int32 {
        if error is ConfigurationError { return ExitCode.configuration.rawValue }
        guard let transport = error as? TransportError else { return ExitCode.software.rawValue }
        switch transport.code {
        case .authenticationFailed: return ExitCode.noPermission.rawValue
        case .configuration, .mailboxNotFound: return ExitCode.configuration.rawValue
        case .rejectedTemporarily, .cancelled: return ExitCode.temporaryFailure.rawValue
        case .protocolError: return ExitCode.remoteProtocol.rawValue
        case .connectionFailed, .timedOut, .tlsFailure, .rejectedPermanently: return ExitCode.unavailable.rawValue
        default: return ExitCode.unavailable.rawValue
        }
    }
}
