namespace KubePlan.Schema;

/// <summary>
/// One way a document breaks its schema.
/// </summary>
/// <param name="Pointer">RFC 6901 pointer to the offending node (<c>""</c> is the document). For a missing required
/// field it is the object that lacks it.</param>
/// <param name="Message">Plain words, naming the field by its dotted path, e.g. <c>spec.replicas must be an integer, got the string "3"</c>.</param>
/// <param name="AtKey">True when the finding is about the key at <paramref name="Pointer"/> (an unknown field) rather than its value.</param>
public sealed record SchemaViolation(string Pointer, string Message, bool AtKey);
