using System.Text;
using NJsonSchema;

namespace KubePlan.Schema;

/// <summary>
/// The built-in Kubernetes schemas in precompiled form: the <see cref="SchemaNode"/> graphs that
/// <see cref="SchemaCompiler"/> makes from the generated JSON schemas, written once at generation
/// time so that a run reads only the kinds it meets, in microseconds, without NJsonSchema.
/// </summary>
/// <remarks>
/// Layout (little-endian, strings as <see cref="BinaryWriter"/> writes them): the magic <c>KPS1</c>,
/// the number of kinds, then per kind (sorted by resource name) its resource name, the kind as
/// upstream spells it, and the offset and length of its graph; then the graphs. A graph is a node
/// count and the nodes, root first, each referring to others by index (graphs may be cyclic:
/// JSONSchemaProps refers to itself).
/// </remarks>
internal static class CompiledSchemaFile
{
    public const string FileName = "compiled.kpschema";
    private const int Magic = 0x3153504B; // "KPS1"
    private const int None = -1;

    /// <summary>One kind in the file: its resource name (<c>apps-v1-deployment</c>) and its exact kind.</summary>
    public readonly record struct Entry(string Name, string Kind, int Offset, int Length);

    /// <summary>Compiles every kind schema (<c>group-version-kind.json</c>) of a folder and renders the file.</summary>
    public static byte[] Render(string jsonFolder)
    {
        var kinds = new List<(string Name, string Kind, byte[] Graph)>();
        var files = Directory.GetFiles(jsonFolder, "*.json").Order(StringComparer.Ordinal).ToList();
        var graphs = new (string Name, string Kind, byte[] Graph)?[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            var schema = JsonSchema.FromJsonAsync(File.ReadAllText(files[i])).GetAwaiter().GetResult();
            if (schema.ExtensionData?.TryGetValue("x-kubernetes-group-version-kind", out var gvk) == true
                && gvk is IDictionary<string, object?> fields && fields.TryGetValue("kind", out var kind) && kind is string exact)
            {
                graphs[i] = (Path.GetFileNameWithoutExtension(files[i]), exact, WriteGraph(SchemaCompiler.CompileKubernetes(schema)));
            }
        });
        kinds.AddRange(graphs.Where(g => g is not null).Select(g => g!.Value));

        using var index = new MemoryStream();
        using (var writer = new BinaryWriter(index, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(kinds.Count);
            var offset = 0;
            foreach (var (name, kind, graph) in kinds)
            {
                writer.Write(name);
                writer.Write(kind);
                writer.Write(offset);
                writer.Write(graph.Length);
                offset += graph.Length;
            }
        }

        using var output = new MemoryStream();
        output.Write(BitConverter.GetBytes((int)index.Length));
        index.WriteTo(output);
        foreach (var (_, _, graph) in kinds)
        {
            output.Write(graph);
        }

        return output.ToArray();
    }

    /// <summary>Reads the index: every kind with where its graph lies (offsets from the start of the file).</summary>
    public static Dictionary<string, Entry> ReadIndex(Stream file)
    {
        file.Position = 0;
        using var reader = new BinaryReader(file, Encoding.UTF8, leaveOpen: true);
        var indexLength = reader.ReadInt32();
        if (reader.ReadInt32() != Magic)
        {
            throw new InvalidDataException("not a compiled KubePlan schema file");
        }

        var count = reader.ReadInt32();
        var entries = new Dictionary<string, Entry>(count, StringComparer.Ordinal);
        var start = 4 + indexLength;
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var kind = reader.ReadString();
            var offset = reader.ReadInt32();
            var length = reader.ReadInt32();
            entries[name] = new Entry(name, kind, start + offset, length);
        }

        return entries;
    }

    /// <summary>Rebuilds one kind's graph from the file (a seekable stream, such as the embedded resource) and returns its root.</summary>
    public static SchemaNode ReadGraph(Stream file, Entry entry)
    {
        file.Position = entry.Offset;
        using var reader = new BinaryReader(file, Encoding.UTF8, leaveOpen: true);
        var nodes = new SchemaNode[reader.ReadInt32()];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = new SchemaNode();
        }

        SchemaNode? Ref(int index) => index == None ? null : nodes[index];
        SchemaNode[]? Refs()
        {
            var count = reader.ReadInt32();
            if (count == None)
            {
                return null;
            }

            var list = new SchemaNode[count];
            for (var i = 0; i < count; i++)
            {
                list[i] = nodes[reader.ReadInt32()];
            }

            return list;
        }

        int? OptionalInt() => reader.ReadBoolean() ? reader.ReadInt32() : null;
        decimal? OptionalDecimal() => reader.ReadBoolean() ? reader.ReadDecimal() : null;

        foreach (var node in nodes)
        {
            node.Kinds = (JsonKinds)reader.ReadByte();
            node.Format = (ValueFormat)reader.ReadByte();
            var flags = reader.ReadByte();
            node.RejectUnknown = (flags & 1) != 0;
            node.AllowsTypeMeta = (flags & 2) != 0;
            node.ExclusiveMinimum = (flags & 4) != 0;
            node.ExclusiveMaximum = (flags & 8) != 0;
            var properties = reader.ReadInt32();
            if (properties != None)
            {
                node.Properties = new Dictionary<string, SchemaNode>(properties, StringComparer.Ordinal);
                for (var i = 0; i < properties; i++)
                {
                    var name = reader.ReadString();
                    node.Properties[name] = nodes[reader.ReadInt32()];
                }
            }

            var required = new string[reader.ReadInt32()];
            for (var i = 0; i < required.Length; i++)
            {
                required[i] = reader.ReadString();
            }

            node.Required = required;
            node.AdditionalProperties = Ref(reader.ReadInt32());
            node.Items = Ref(reader.ReadInt32());
            var enumCount = reader.ReadInt32();
            if (enumCount != None)
            {
                node.Enum = new string[enumCount];
                for (var i = 0; i < enumCount; i++)
                {
                    node.Enum[i] = reader.ReadString();
                }
            }

            node.PatternText = reader.ReadBoolean() ? reader.ReadString() : null;
            node.Minimum = OptionalDecimal();
            node.Maximum = OptionalDecimal();
            node.MinLength = OptionalInt();
            node.MaxLength = OptionalInt();
            node.MinItems = OptionalInt();
            node.MaxItems = OptionalInt();
            node.AllOf = Refs();
            node.AnyOf = Refs();
            node.OneOf = Refs();
        }

        return nodes[0];
    }

    /// <summary>Writes a graph: nodes numbered in the order a depth-first walk from the root first meets them.</summary>
    internal static byte[] WriteGraph(SchemaNode root)
    {
        var order = new List<SchemaNode>();
        var numbers = new Dictionary<SchemaNode, int>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<SchemaNode>();
        void Visit(SchemaNode? node)
        {
            if (node is not null && !numbers.ContainsKey(node))
            {
                numbers[node] = order.Count;
                order.Add(node);
                pending.Push(node);
            }
        }

        Visit(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            foreach (var child in Children(node))
            {
                Visit(child);
            }
        }

        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            void Refs(SchemaNode[]? list)
            {
                writer.Write(list?.Length ?? None);
                foreach (var item in list ?? [])
                {
                    writer.Write(numbers[item]);
                }
            }

            void OptionalInt(int? value)
            {
                writer.Write(value.HasValue);
                if (value.HasValue)
                {
                    writer.Write(value.Value);
                }
            }

            void OptionalDecimal(decimal? value)
            {
                writer.Write(value.HasValue);
                if (value.HasValue)
                {
                    writer.Write(value.Value);
                }
            }

            writer.Write(order.Count);
            foreach (var node in order)
            {
                writer.Write((byte)node.Kinds);
                writer.Write((byte)node.Format);
                writer.Write((byte)((node.RejectUnknown ? 1 : 0) | (node.AllowsTypeMeta ? 2 : 0) | (node.ExclusiveMinimum ? 4 : 0) | (node.ExclusiveMaximum ? 8 : 0)));
                writer.Write(node.Properties?.Count ?? None);
                foreach (var (name, child) in node.Properties ?? [])
                {
                    writer.Write(name);
                    writer.Write(numbers[child]);
                }

                writer.Write(node.Required.Length);
                foreach (var name in node.Required)
                {
                    writer.Write(name);
                }

                writer.Write(node.AdditionalProperties is null ? None : numbers[node.AdditionalProperties]);
                writer.Write(node.Items is null ? None : numbers[node.Items]);
                writer.Write(node.Enum?.Length ?? None);
                foreach (var value in node.Enum ?? [])
                {
                    writer.Write(value);
                }

                writer.Write(node.PatternText is not null);
                if (node.PatternText is not null)
                {
                    writer.Write(node.PatternText);
                }

                OptionalDecimal(node.Minimum);
                OptionalDecimal(node.Maximum);
                OptionalInt(node.MinLength);
                OptionalInt(node.MaxLength);
                OptionalInt(node.MinItems);
                OptionalInt(node.MaxItems);
                Refs(node.AllOf);
                Refs(node.AnyOf);
                Refs(node.OneOf);
            }
        }

        return stream.ToArray();
    }

    private static IEnumerable<SchemaNode> Children(SchemaNode node)
    {
        // Pushed in reverse so that the walk meets them in declaration order.
        var children = new List<SchemaNode>();
        if (node.Properties is not null)
        {
            children.AddRange(node.Properties.Values);
        }

        if (node.AdditionalProperties is not null)
        {
            children.Add(node.AdditionalProperties);
        }

        if (node.Items is not null)
        {
            children.Add(node.Items);
        }

        children.AddRange(node.AllOf ?? []);
        children.AddRange(node.AnyOf ?? []);
        children.AddRange(node.OneOf ?? []);
        children.Reverse();
        return children;
    }
}
