namespace KubePlan.Cli.Tests;

/// <summary>Where the Native AOT build looks for <c>dotnet</c> when it hands a custom-rule run to the managed build.</summary>
public class ManagedHandOverTests
{
    public static TheoryData<string?, string?, string?, string[]> Environments => new()
    {
        // DOTNET_HOST_PATH names the host itself and comes first; DOTNET_ROOT next; then PATH in order.
        { "/sdk/dotnet", "/root-dir", "/a:/b", ["/sdk/dotnet", "/root-dir/dotnet", "/a/dotnet", "/b/dotnet"] },
        { null, "/root-dir", "/a", ["/root-dir/dotnet", "/a/dotnet"] },
        // Empty values and empty PATH entries are skipped.
        { "", "", "::/c:", ["/c/dotnet"] },
        { null, null, null, [] },
    };

    [Theory]
    [MemberData(nameof(Environments))]
    public void Candidates_FollowTheHostsOrder_ThenTheUsualFolders(string? hostPath, string? root, string? path, string[] first)
    {
        var environment = new Dictionary<string, string?> { ["DOTNET_HOST_PATH"] = hostPath, ["DOTNET_ROOT"] = root, ["PATH"] = path };
        var candidates = ManagedHandOver.DotnetCandidates(name => environment.GetValueOrDefault(name), windows: false, home: "/home/u").ToList();
        string[] usual = ["/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet", "/usr/lib64/dotnet/dotnet", "/usr/local/share/dotnet/dotnet", "/opt/dotnet/dotnet", "/home/u/.dotnet/dotnet"];
        Assert.Equal([.. first, .. usual], candidates);
    }

    [Fact]
    public void Candidates_WithoutAHome_EndAtTheSystemFolders()
    {
        var candidates = ManagedHandOver.DotnetCandidates(_ => null, windows: false, home: string.Empty).ToList();
        Assert.Equal("/opt/dotnet/dotnet", candidates[^1]);
    }
}
