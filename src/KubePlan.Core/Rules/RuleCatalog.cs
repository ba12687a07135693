using System.Reflection;

namespace KubePlan.Rules;

/// <summary>The built-in rules, found by reflection so that adding a rule means adding its class only.</summary>
public static class RuleCatalog
{
    private static readonly Lazy<IReadOnlyList<Rule>> BuiltInRules = new(() =>
        typeof(Rule).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Rule)) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (Rule)Activator.CreateInstance(t)!)
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList());

    public static IReadOnlyList<Rule> BuiltIn => BuiltInRules.Value;

    public static Rule? Find(string id) => BuiltIn.FirstOrDefault(r => r.Id == id);
}
