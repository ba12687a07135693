using KubePlan.Manifests;
using KubePlan.Validation;

namespace KubePlan.Rules.ApiValidation;

/// <summary>pkg/apis/core/validation ValidatePersistentVolumeClaimSpec (also for StatefulSet volumeClaimTemplates).</summary>
internal static class StorageChecks
{
    private static readonly string[] AccessModes = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"];

    public static void ClaimSpec(ValidationScope s, Located spec)
    {
        var modes = spec.Get("accessModes");
        if (modes is not { Sequence.Items.Count: > 0 })
        {
            s.ErrorAtKey(modes ?? spec, "at least 1 access mode is required (accessModes, e.g. [ReadWriteOnce])");
        }
        else
        {
            var values = new List<string>();
            foreach (var mode in modes.Value.Items())
            {
                if (mode.String is { } value)
                {
                    values.Add(value);
                    if (!AccessModes.Contains(value, StringComparer.Ordinal))
                    {
                        s.Error(mode, $"unsupported access mode \"{value}\": supported values are {Fields.Quote(AccessModes)}");
                    }
                }
            }

            if (values.Contains("ReadWriteOncePod") && values.Count > 1)
            {
                s.Error(modes.Value, "ReadWriteOncePod may not be combined with other access modes");
            }
        }

        s.OneOf(spec, "volumeMode", "Filesystem", "Block");
        var storage = spec.At("resources", "requests", "storage");
        if (storage is null)
        {
            s.ErrorAtKey(spec.At("resources", "requests") ?? spec.Get("resources") ?? spec, "resources.requests.storage is required");
        }
        else if (storage.Value.Node is YScalar { Kind: ScalarKind.String or ScalarKind.Int or ScalarKind.Float } q
            && Quantity.TryParse(q.IsString ? q.Text : q.KeyText, out var quantity) && quantity.Sign <= 0)
        {
            s.Error(storage.Value, $"resources.requests.storage {q.JsonText} must be greater than zero");
        }

        if (spec.At("resources", "limits", "storage") is { Node: YScalar lim } && storage is { Node: YScalar req }
            && Quantity.TryParse(lim.IsString ? lim.Text : lim.KeyText, out var limit) && Quantity.TryParse(req.IsString ? req.Text : req.KeyText, out var request)
            && request > limit)
        {
            s.Error(storage.Value, $"storage request {req.Text} must be less than or equal to the storage limit of {lim.Text}");
        }
    }
}
