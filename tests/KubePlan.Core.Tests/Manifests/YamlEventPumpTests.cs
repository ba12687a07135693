using System.Text;
using KubePlan.Core.Tests.Rules;
using KubePlan.Manifests;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KubePlan.Core.Tests.Manifests;

/// <summary>
/// The pump scans parts on its own thread and hands the events over: a reader must see exactly the events, and the
/// failure, that YamlDotNet's parser gives it when it scans itself, and no reader may wait forever.
/// </summary>
public class YamlEventPumpTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Texts() => new()
    {
        "a: 1\n",
        "",
        "# only a comment\n",
        "a: [1, 2\n",                       // a flow sequence never closed: a parser error
        "a: 'x\n",                           // a quoted scalar never closed: a scanner error
        "a: b: c\n",                         // mapping values not allowed here
        "- &x 1\n- *x\n- !custom {k: v}\n",
        "key: |\n  block\n  text\n...\n",
        LongMapping(3 * YamlEventPump.ChunkSize),
        LongMapping(3 * YamlEventPump.ChunkSize) + "broken: [\n",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Events_AreTheParsersOwn_FailureIncluded(string text)
    {
        using var pump = YamlEventPump.Start();
        using var stream = pump.Open(() => new Parser(new StringReader(text)));
        Assert.Equal(Record(new Parser(new StringReader(text))), Record(stream));
    }

    [Fact]
    public async Task ReadersThatStopEarly_LetTheirChunksGo()
    {
        // Each abandoned stream could hold chunks scanned ahead; were they not freed, the budget would run out and the
        // last reader would wait forever.
        var text = LongMapping(4 * YamlEventPump.ChunkSize);
        var read = Task.Run(() =>
        {
            using var pump = YamlEventPump.Start();
            for (var i = 0; i < 4 * YamlEventPump.ChunksAhead; i++)
            {
                using var abandoned = pump.Open(() => new Parser(new StringReader(text)));
                abandoned.MoveNext();
                // Let the pump scan ahead, so that chunks are waiting when the reader stops.
                SpinWait.SpinUntil(() => abandoned.Unread > 0, Patience);
            }

            using var last = pump.Open(() => new Parser(new StringReader(text)));
            return Record(last).Count;
        });
        // A timeout here: a reader waited for chunks that abandoned streams still held.
        Assert.Equal(Record(new Parser(new StringReader(text))).Count, await read.WaitAsync(Patience));
    }

    [Fact]
    public async Task ManyReaders_OnEveryCore_EachGetTheirOwnEvents()
    {
        var texts = Enumerable.Range(0, 64).Select(i => LongMapping(50 + (i * 37))).ToArray();
        var expected = texts.Select(t => Record(new Parser(new StringReader(t)))).ToArray();
        var got = new List<string>[texts.Length];
        var read = Task.Run(() =>
        {
            using var pump = YamlEventPump.Start();
            Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            {
                using var stream = pump.Open(() => new Parser(new StringReader(texts[i])));
                got[i] = Record(stream);
            });
        });
        await read.WaitAsync(Patience);
        Assert.Equal(expected, got);
    }

    [Fact]
    public async Task Chunks_AreRecycled_SoTheirNumberDoesNotGrowWithTheInput()
    {
        // Each part used to take a new chunk array of its own: on Helm output of small documents most of the arrays
        // made were this, a tenth of all that reading allocated.
        var texts = Enumerable.Range(0, 20 * YamlEventPump.ChunksAhead).Select(i => LongMapping(1 + (i % 3 * YamlEventPump.ChunkSize))).ToArray();
        var made = await Task.Run(() =>
        {
            using var pump = YamlEventPump.Start();
            Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            {
                using var stream = pump.Open(() => new Parser(new StringReader(texts[i])));
                Assert.Equal(Record(new Parser(new StringReader(texts[i]))), Record(stream));
            });
            return pump.ChunksMade;
        }).WaitAsync(Patience);
        Assert.InRange(made, 1, YamlEventPump.ChunksAhead);
    }

    [Fact]
    public async Task ADisposedPump_EndsTheStreamsNobodyRead()
    {
        var pump = YamlEventPump.Start();
        _ = Enumerable.Range(0, YamlEventPump.ChunksAhead + 2).Select(_ => pump.Open(() => new Parser(new StringReader(LongMapping(2 * YamlEventPump.ChunkSize))))).ToList();
        // A timeout here: disposing the pump waited for readers that never came.
        await Task.Run(pump.Dispose).WaitAsync(Patience);
    }

    [Fact]
    public void ReadingWithAPump_GivesTheSameTrees()
    {
        // Parts are scanned ahead of the one being read: empty parts, a refused separator line, a part read again after a
        // repair, a part that ends reading at its first document and parts of several chunks each must come out in order.
        var text = string.Join("---\n", Directory.EnumerateFiles(Path.Combine(RuleHarness.RepoRoot, "examples"), "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText))
            + "---\nbroken: [\n---\na: 1\n---\n---\n--- not a separator\nb: 2\n---\nq: \"it\\'s\"\n---\nfirst: 1\n...\nsecond: 2\n---\n"
            + LongMapping(2 * YamlEventPump.ChunkSize) + "---\nc: 3\n---\n" + LongMapping(YamlEventPump.ChunkSize + 1);
        var alone = Dump(YamlStreamReader.Read(text));
        string pumped;
        using (YamlEventPump.Start())
        {
            pumped = Dump(YamlStreamReader.Read(text));
        }

        Assert.Equal(alone, pumped);
        Assert.Null(YamlEventPump.Current);
    }

    [Fact]
    public async Task PartReadAgainAfterARepair_DoesNotWaitBehindPartsOpenedAhead()
    {
        // The first part is one the block reader leaves to YamlDotNet (an anchor) and one that YamlDotNet reads only after
        // a repair (\' in double quotes). Its reader has the next parts opened ahead on the pump, more chunks than the
        // pump's budget, that it reads only after this one: the part read again must not queue behind them on the pump.
        var big = LongMapping(YamlEventPump.ChunksAhead * YamlEventPump.ChunkSize / 2);
        var text = "a: &x \"it\\'s\"\nb: *x\n---\n" + string.Join("---\n", Enumerable.Repeat(big, 4));
        var alone = Dump(YamlStreamReader.Read(text));
        var pumped = await Task.Run(() =>
        {
            using var pump = YamlEventPump.Start();
            return Dump(YamlStreamReader.Read(text));
        }).WaitAsync(Patience);

        Assert.Equal(alone, pumped);
        Assert.Contains("\"b\":\"it's\"", alone, StringComparison.Ordinal);
    }

    private static string LongMapping(int keys)
    {
        var text = new StringBuilder();
        for (var i = 0; i < keys; i++)
        {
            text.Append("key").Append(i).Append(": value ").Append(i).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Every event with its marks, then how reading ended (the failure, and the event still current then).</summary>
    private static List<string> Record(IParser parser)
    {
        var events = new List<string>();
        try
        {
            while (parser.MoveNext())
            {
                events.Add(Describe(parser.Current));
            }

            events.Add("end; current " + Describe(parser.Current));
        }
        catch (Exception e)
        {
            events.Add($"{e.GetType().Name}: {e.Message}; current {Describe(parser.Current)}");
        }

        return events;
    }

    private static string Describe(ParsingEvent? e) => e is null ? "none" : $"{e.GetType().Name} {e} {e.Start} {e.End}";

    private static string Dump(YamlReadResult read) =>
        string.Join('\n', read.Documents.Select(d => $"{d.Index} {d.Start} {(d.Root is null ? "empty" : YamlJson.ToJToken(d.Root).ToString(Newtonsoft.Json.Formatting.None))}")
            .Concat(read.Problems.Select(p => $"{p.Position} {p.Message} {p.Fatal}")))
        + $"\nbroken {read.BrokenDocuments}";
}
