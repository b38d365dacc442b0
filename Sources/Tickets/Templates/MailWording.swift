/// Words the templates need in each language: priority names and response targets in words
/// ("1 hora", "24 horas", "4 hours").
public enum MailWording {
    /// The languages the templates exist in.
    public static let languages = ["pt", "en", "es"]

    /// The priority's name in `language` (`Urgente`, `High`, `Baja`…).
    public static func priorityName(_ priority: Priority, language: String) -> String {
        switch (language, priority) {
        case ("pt", .p1), ("es", .p1): "Urgente"
        case ("pt", .p2), ("es", .p2): "Alta"
        case ("pt", .p3), ("es", .p3): "Normal"
        case ("pt", .p4): "Baixa"
        case ("es", .p4): "Baja"
        default: priority.name
        }
    }

    /// A duration in words: whole hours as hours, otherwise minutes (rounded up).
    public static func duration(seconds: Int, language: String) -> String {
        let (value, unit): (Int, Unit)
        if seconds >= 3600, seconds % 3600 == 0 {
            (value, unit) = (seconds / 3600, .hour)
        } else {
            (value, unit) = (max(1, (seconds + 59) / 60), .minute)
        }
        let one = value == 1
        switch (language, unit) {
        case ("en", .hour): return one ? "1 hour" : "\(value) hours"
        case ("en", .minute): return one ? "1 minute" : "\(value) minutes"
        case (_, .hour): return one ? "1 hora" : "\(value) horas"
        case (_, .minute): return one ? "1 minuto" : "\(value) minutos"
        }
    }

    private enum Unit { case hour, minute }
}
