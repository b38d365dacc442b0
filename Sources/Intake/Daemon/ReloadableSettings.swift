import Synchronization

/// The current ``IntakeSettings``, swapped whole on reload; readers take a snapshot per mail.
final class ReloadableSettings: Sendable {
    private let current: Mutex<IntakeSettings>

    init(_ settings: IntakeSettings) {
        current = Mutex(settings)
    }

    /// The settings in force now.
    var snapshot: IntakeSettings { current.withLock { $0 } }

    /// Replaces the settings.
    func replace(with settings: IntakeSettings) {
        current.withLock { $0 = settings }
    }
}
