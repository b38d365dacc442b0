import Foundation

/// Which plan a customer is on, from the configuration's customer directory (`plans.customers`).
///
/// Entries are tried in two passes, each in the order given, and the first match wins:
/// 1. exact addresses (`ana@acme.com`), case-insensitive;
/// 2. domains: `@acme.com` matches addresses at exactly `acme.com`; `@*.acme.com` matches any
///    subdomain (`rio.acme.com`, `a.b.acme.com`) but not `acme.com` itself — list both to cover both.
///    A plain domain never matches its subdomains, so a customer's plan cannot leak to a
///    different organisation that happens to live under the same parent domain.
///
/// Anything else, including an address without `@`, gets the default plan (`plans.default`).
public struct PlanDirectory: Sendable {
    private enum Rule: Sendable {
        case address(String)
        case domain(String)
        case subdomains(String)
    }

    private let exact: [(String, Plan)]
    private let domains: [(Rule, Plan)]
    /// The plan for addresses no entry matches.
    public let defaultPlan: Plan

    /// Builds the directory from `plans.customers` entries (`match`: `ana@acme.com`, `@acme.com` or
    /// `@*.acme.com`) and `plans.default`. Entries that are none of these are ignored; configuration
    /// loading is where they are rejected.
    public init(customers: [(match: String, plan: Plan)], defaultPlan: Plan) {
        var exact: [(String, Plan)] = []
        var domains: [(Rule, Plan)] = []
        for (match, plan) in customers {
            let m = Self.normalize(match)
            if m.hasPrefix("@*.") {
                let d = String(m.dropFirst(3))
                if !d.isEmpty { domains.append((.subdomains(d), plan)) }
            } else if m.hasPrefix("@") {
                let d = String(m.dropFirst())
                if !d.isEmpty { domains.append((.domain(d), plan)) }
            } else if m.contains("@") {
                exact.append((m, plan))
            }
        }
        self.exact = exact
        self.domains = domains
        self.defaultPlan = defaultPlan
    }

    /// True when `match` is a valid `plans.customers` entry: `local@domain`, `@domain` or `@*.domain`.
    public static func isValidMatch(_ match: String) -> Bool {
        let m = normalize(match)
        guard let at = m.lastIndex(of: "@"), m.filter({ $0 == "@" }).count == 1 else { return false }
        var domain = m[m.index(after: at)...]
        if m.hasPrefix("@*.") { domain = m.dropFirst(3)[...] }
        return !domain.isEmpty && !domain.contains("@") && !domain.contains("*") && !domain.contains(" ")
            && (m.hasPrefix("@") || at != m.startIndex)
    }

    /// The plan for a sender address (`Ana <ana@acme.com>` and `ana@acme.com` alike).
    public func plan(for address: String) -> Plan {
        let a = Self.normalize(address)
        guard let at = a.lastIndex(of: "@"), at != a.startIndex else { return defaultPlan }
        for (m, plan) in exact where m == a { return plan }
        let domain = a[a.index(after: at)...]
        for (rule, plan) in domains {
            switch rule {
            case .domain(let d) where domain == d: return plan
            case .subdomains(let d) where domain.hasSuffix("." + d): return plan
            default: continue
            }
        }
        return defaultPlan
    }

    /// Lower-cases and trims, and takes the part inside `<…>` when there is one.
    private static func normalize(_ s: String) -> String {
        var t = Substring(s)
        if let open = t.lastIndex(of: "<"), let close = t.lastIndex(of: ">"), open < close {
            t = t[t.index(after: open)..<close]
        }
        return t.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
