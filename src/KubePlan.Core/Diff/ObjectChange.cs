using System.Text.Json.Nodes;
using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Diff;

/// <summary>A changed field as reported: path and JSON values, already redacted where they must be.</summary>
public sealed record ReportedField(string Path, JsonNode? Old, JsonNode? New);

/// <summary>An update the API server refuses, why, and the usual way out.</summary>
public sealed record Rejection(string Path, string Reason, string Remedy);

/// <summary>Which workloads a Service sent traffic to before and after the change.</summary>
public sealed record TrafficShift(IReadOnlyList<ObjectRef> Before, IReadOnlyList<ObjectRef> After);

/// <summary>Where an object was read from.</summary>
public sealed record ObjectLocation(string File, int Line);

/// <summary>Everything the diff says about one object.</summary>
public sealed class ObjectChange
{
    public required ObjectKey Key { get; init; }

    /// <summary>The object as the report names it (the new side's apiVersion, or the old one's for a removal).</summary>
    public required ObjectRef Object { get; init; }

    public Manifest? Old { get; init; }

    public Manifest? New { get; init; }

    public required IReadOnlyList<Impact> Impacts { get; init; }

    /// <summary>The changed fields with their raw nodes, for classification; never printed as is.</summary>
    public required IReadOnlyList<FieldChange> Changes { get; init; }

    /// <summary>The changed fields as every format prints them (Secret values redacted).</summary>
    public required IReadOnlyList<ReportedField> Fields { get; init; }

    public required string Message { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    public IReadOnlyList<Rejection> Rejections { get; init; } = [];

    public TrafficShift? Traffic { get; init; }

    /// <summary>For a changed ConfigMap or Secret: the workloads that keep running the old content.</summary>
    public IReadOnlyList<ObjectRef> NotRolled { get; init; } = [];

    public PlanAttachment? Plan { get; init; }

    public ObjectLocation? Location => (New ?? Old) is { } m ? new ObjectLocation(m.File.Path, m.Root.Start.Line) : null;
}

/// <summary>Which side of the diff a finding was made on.</summary>
public enum DiffSide
{
    Old,
    New,
}

/// <summary>A finding from reading (or, with lint on, checking) one side of the diff.</summary>
public sealed record SideDiagnostic(DiffSide Side, Diagnostic Diagnostic);

/// <summary>The result of a diff: the changed objects, most significant first, and the findings of both sides.</summary>
public sealed class ChangeSet
{
    public ChangeSet(IReadOnlyList<ObjectChange> changes, IReadOnlyList<SideDiagnostic> diagnostics, IReadOnlyList<SourceFile> sources)
    {
        Changes = changes;
        Diagnostics = diagnostics;
        Sources = sources;
    }

    public IReadOnlyList<ObjectChange> Changes { get; }

    public IReadOnlyList<SideDiagnostic> Diagnostics { get; }

    public IReadOnlyList<SourceFile> Sources { get; }

    public int Count(Impact impact) => Changes.Count(c => c.Impacts.Contains(impact));

    public bool HasImpact(Impact impact) => Changes.Any(c => c.Impacts.Contains(impact));
}
