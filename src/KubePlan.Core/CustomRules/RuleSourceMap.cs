using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace KubePlan.CustomRules;

/// <summary>
/// Which source file declares each type of a compiled rules assembly, read from the portable PDB
/// embedded in it. This needs only System.Reflection.Metadata, so a run served from the cache can
/// name a rule's file without loading the C# compiler.
/// </summary>
internal static class RuleSourceMap
{
    /// <summary>Type definition token to document path; types without debug information are absent.</summary>
    public static Dictionary<int, string> Read(byte[] image)
    {
        var files = new Dictionary<int, string>();
        try
        {
            using var pe = new PEReader(ImmutableArray.Create(image));
            var entry = pe.ReadDebugDirectory().FirstOrDefault(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
            if (entry.DataSize == 0)
            {
                return files;
            }

            using var provider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(entry);
            var pdb = provider.GetMetadataReader();
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.TypeDefinitions)
            {
                foreach (var method in metadata.GetTypeDefinition(handle).GetMethods())
                {
                    var debug = pdb.GetMethodDebugInformation(method.ToDebugInformationHandle());
                    var document = debug.Document;
                    if (document.IsNil && !debug.SequencePointsBlob.IsNil)
                    {
                        document = debug.GetSequencePoints().Select(p => p.Document).FirstOrDefault();
                    }

                    if (!document.IsNil)
                    {
                        files[MetadataTokens.GetToken(handle)] = pdb.GetString(pdb.GetDocument(document).Name);
                        break;
                    }
                }
            }
        }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException)
        {
            // No usable debug information: rules are then attributed to the first file.
        }

        return files;
    }

    /// <summary>Where the id is written as a string literal in the source, else the start of the file.</summary>
    public static CustomRuleOrigin Origin(string file, string? text, string id)
    {
        var at = text?.IndexOf('"' + id + '"', StringComparison.Ordinal) ?? -1;
        if (text is null || at < 0)
        {
            return new CustomRuleOrigin(file, 1, 1);
        }

        var lineStart = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        var line = 1 + text.AsSpan(0, lineStart).Count('\n');
        return new CustomRuleOrigin(file, line, at - lineStart + 1);
    }
}
