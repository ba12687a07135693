namespace KubePlan.Rules;

/// <summary>The rule docs (<c>rules/&lt;id&gt;.md</c>), embedded so the tool needs no files beside it.</summary>
public static class RuleDocs
{
    public static string? Read(string id)
    {
        using var stream = typeof(RuleDocs).Assembly.GetManifestResourceStream("rules/" + id + ".md");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
