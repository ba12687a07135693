using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KubePlan.Manifests;

/// <summary>
/// One thread that runs YamlDotNet's scanner and parser for the parts that several threads read at once and that
/// <see cref="BlockYamlReader"/> does not read (see <c>YamlStreamReader.ScanAhead</c>), and hands each reader its
/// part's events in chunks as they are made.
/// </summary>
/// <remarks>
/// Why: YamlDotNet's scanner rents several StringBuilders for every scalar from one process-wide pool (a concurrent
/// queue). With two threads scanning, the two cores fight over that queue's cache lines: a profile of the 37 MB
/// benchmark corpus on two cores spent about a quarter of its CPU there, and two threads read no faster than one.
/// Scanning on one thread leaves the pool uncontended; the readers build trees and check objects beside it.
/// A reader waits only when its next events are not scanned yet, and at most <see cref="ChunksAhead"/> chunks are
/// held scanned but unread, so memory does not grow with the input.
/// </remarks>
internal sealed class YamlEventPump : IDisposable
{
    /// <summary>Events per hand-over: enough that handing over costs nothing next to scanning.</summary>
    internal const int ChunkSize = 1024;

    /// <summary>Chunks scanned ahead of their readers, over all parts (about 12,000 events).</summary>
    internal const int ChunksAhead = 12;

    private static readonly AsyncLocal<YamlEventPump?> Ambient = new();

    private readonly BlockingCollection<EventStream> _waiting = [];
    private readonly SemaphoreSlim _budget = new(ChunksAhead);

    // Chunks read and cleared, for the pump to fill again: at most ChunksAhead exist at once, however large the read.
    private readonly Stack<ParsingEvent[]> _spareChunks = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread _thread;
    private readonly YamlEventPump? _outer;

    private YamlEventPump()
    {
        _outer = Ambient.Value;
        _thread = new Thread(Pump) { IsBackground = true, Name = "KubePlan YAML scanner" };
        _thread.Start();
    }

    /// <summary>
    /// The pump of the read this code runs in (it flows into parallel loops), or null: reading then scans on the
    /// reading thread.
    /// </summary>
    internal static YamlEventPump? Current => Ambient.Value;

    /// <summary>
    /// Starts a pump for a read that runs on several threads (kept until disposed), or null when one is already
    /// running for it or there is one core only.
    /// </summary>
    internal static YamlEventPump? StartForParallelRead() => Ambient.Value is null && Environment.ProcessorCount > 1 ? Start() : null;

    /// <summary>Starts a pump that the reads of this flow use until it is disposed.</summary>
    internal static YamlEventPump Start()
    {
        var pump = new YamlEventPump();
        Ambient.Value = pump;
        return pump;
    }

    /// <summary>
    /// Queues a part to be scanned (by the parser that <paramref name="open"/> makes, on the pump's thread) and returns
    /// its events as a parser; dispose it when done, so that events not read are let go.
    /// </summary>
    internal EventStream Open(Func<IParser> open)
    {
        var stream = new EventStream(this, open);
        _waiting.Add(stream);
        return stream;
    }

    public void Dispose()
    {
        Ambient.Value = _outer;
        _waiting.CompleteAdding();
        // A reader that never disposed its stream holds chunks forever: the pump must not wait for them to stop.
        _stopping.Cancel();
        _thread.Join();
        _waiting.Dispose();
        _budget.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Chunk arrays made so far (for tests: recycled, they stay within <see cref="ChunksAhead"/>).</summary>
    internal int ChunksMade { get; private set; }

    /// <summary>A chunk to fill, once fewer than <see cref="ChunksAhead"/> are held: a spare one, or a new one while there are none.</summary>
    private ParsingEvent[] TakeChunk()
    {
        _budget.Wait(_stopping.Token);
        lock (_spareChunks)
        {
            if (_spareChunks.Count > 0)
            {
                return _spareChunks.Pop();
            }

            ChunksMade++;
            return new ParsingEvent[ChunkSize];
        }
    }

    /// <summary>Gives back a chunk read or not needed, cleared so that it holds no event alive, for the next to fill.</summary>
    private void GiveBack(ParsingEvent[] events, int count)
    {
        Array.Clear(events, 0, count);
        lock (_spareChunks)
        {
            _spareChunks.Push(events);
        }

        _budget.Release();
    }

    private void Pump()
    {
        foreach (var stream in _waiting.GetConsumingEnumerable())
        {
            stream.Fill();
        }
    }

    /// <summary>A part's events, read as a parser; filled by the pump's thread, read by one reader.</summary>
    internal sealed class EventStream : IParser, IDisposable
    {
        private readonly YamlEventPump _pump;
        private readonly Func<IParser> _open;
        private readonly Queue<(ParsingEvent[] Events, int Count)> _chunks = new();
        private ParsingEvent[] _chunk = [];
        private int _count;
        private int _next;

        // Set by the pump's thread, under the lock on _chunks.
        private bool _ended;
        private Exception? _failure;

        // Set by the reader, under the lock on _chunks: the pump stops filling and frees what it would add.
        private bool _closed;

        internal EventStream(YamlEventPump pump, Func<IParser> open)
        {
            _pump = pump;
            _open = open;
        }

        public ParsingEvent? Current { get; private set; }

        /// <summary>Chunks scanned and not yet read (for tests).</summary>
        internal int Unread
        {
            get
            {
                lock (_chunks)
                {
                    return _chunks.Count;
                }
            }
        }

        public bool MoveNext()
        {
            if (_next < _count)
            {
                Current = _chunk[_next++];
                return true;
            }

            ReleaseChunk();
            lock (_chunks)
            {
                while (_chunks.Count == 0 && !_ended)
                {
                    Monitor.Wait(_chunks);
                }

                if (_chunks.Count > 0)
                {
                    (_chunk, _count) = _chunks.Dequeue();
                    _next = 1;
                    Current = _chunk[0];
                    return true;
                }
            }

            if (_failure is { } failure)
            {
                // As YamlDotNet's parser does: the event before the failure stays current.
                ExceptionDispatchInfo.Throw(failure);
            }

            Current = null;
            return false;
        }

        /// <summary>Stops reading: the pump scans no more of this part, and the chunks it scanned are let go.</summary>
        public void Dispose()
        {
            ReleaseChunk();
            lock (_chunks)
            {
                _closed = true;
                while (_chunks.TryDequeue(out var chunk))
                {
                    _pump.GiveBack(chunk.Events, chunk.Count);
                }
            }
        }

        private void ReleaseChunk()
        {
            // An empty array when none is held.
            if (_chunk.Length > 0)
            {
                _pump.GiveBack(_chunk, _count);
                _chunk = [];
                _count = _next = 0;
            }
        }

        /// <summary>On the pump's thread: scans the part, a chunk at a time, until its end, a failure, or the reader stops.</summary>
        internal void Fill()
        {
            IParser? parser = null;
            var ended = false;
            while (!ended)
            {
                ParsingEvent[] events;
                try
                {
                    events = _pump.TakeChunk();
                }
                catch (OperationCanceledException)
                {
                    Close(new ObjectDisposedException(nameof(YamlEventPump)));
                    return;
                }

                var count = 0;
                Exception? failure = null;
                try
                {
                    if (Volatile.Read(ref _closed))
                    {
                        _pump.GiveBack(events, 0);
                        return;
                    }

                    parser ??= _open();
                    while (count < ChunkSize && parser.MoveNext())
                    {
                        events[count++] = parser.Current!;
                    }

                    ended = count < ChunkSize;
                }
                catch (Exception e)
                {
                    // Handed to the reader, which meets it where it would have met it scanning itself.
                    (failure, ended) = (e, true);
                }

                lock (_chunks)
                {
                    if (_closed || count == 0)
                    {
                        _pump.GiveBack(events, count);
                    }
                    else
                    {
                        _chunks.Enqueue((events, count));
                    }

                    (_ended, _failure) = (ended, failure);
                    Monitor.PulseAll(_chunks);
                }
            }
        }

        private void Close(Exception failure)
        {
            lock (_chunks)
            {
                (_ended, _failure) = (true, failure);
                Monitor.PulseAll(_chunks);
            }
        }
    }
}
