// The state machine below follows YamlDotNet's Parser (YamlDotNet 18.1.0, YamlDotNet/Core/Parser.cs),
// state for state and error for error. YamlDotNet is under the MIT License:
//
// Copyright (c) Antoine Aubry and contributors
//
// Permission is hereby granted, free of charge, to any person obtaining a copy of
// this software and associated documentation files (the "Software"), to deal in
// the Software without restriction, including without limitation the rights to
// use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
// of the Software, and to permit persons to whom the Software is furnished to do
// so, subject to the following conditions:
//
// The above copyright notice and this permission notice shall be included in all
// copies or substantial portions of the Software.
//
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
// IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
// FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
// AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
// LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
// OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
// SOFTWARE.
using YamlDotNet.Core;
using E = YamlDotNet.Core.Events;
using T = YamlDotNet.Core.Tokens;

namespace KubePlan.Manifests;

/// <summary>
/// Turns YamlDotNet's scanner tokens into parsing events exactly as YamlDotNet's own
/// <see cref="Parser"/> does: the same events with the same marks, and the same exceptions with the
/// same messages at the same tokens, so what is accepted, refused and where is unchanged.
/// It differs in one thing: YamlDotNet's parser marks every mapping key's scalar event as a key,
/// and the event looks the key up in the runtime's intern table (<c>string.IsInterned</c>), a
/// global lock that every reading thread queues on (a fifth of the CPU time of a lint on two
/// cores). KubePlan shares short scalars through its own per-piece table instead, so the events
/// here are plain scalars; nothing reads <see cref="E.Scalar.IsKey"/>.
/// </summary>
internal sealed class YamlEventParser(IScanner scanner) : IParser
{
    private enum State
    {
        StreamStart,
        StreamEnd,
        ImplicitDocumentStart,
        DocumentStart,
        DocumentContent,
        DocumentEnd,
        BlockNode,
        BlockNodeOrIndentlessSequence,
        FlowNode,
        BlockSequenceFirstEntry,
        BlockSequenceEntry,
        IndentlessSequenceEntry,
        BlockMappingFirstKey,
        BlockMappingKey,
        BlockMappingValue,
        FlowSequenceFirstEntry,
        FlowSequenceEntry,
        FlowSequenceEntryMappingKey,
        FlowSequenceEntryMappingValue,
        FlowSequenceEntryMappingEnd,
        FlowMappingFirstKey,
        FlowMappingKey,
        FlowMappingValue,
        FlowMappingEmptyValue,
    }

    private readonly Stack<State> _states = new();
    private readonly TagDirectiveCollection _tagDirectives = [];
    private State _state;
    private T.Token? _currentToken;
    private T.VersionDirective? _version;

    // Comment events (only when the scanner keeps comments) wait here; stream and document starts go first.
    private Queue<E.ParsingEvent>? _highPriority;
    private Queue<E.ParsingEvent>? _normalPriority;

    public E.ParsingEvent? Current { get; private set; }

    private int PendingCount => (_highPriority?.Count ?? 0) + (_normalPriority?.Count ?? 0);

    public bool MoveNext()
    {
        if (_state == State.StreamEnd)
        {
            Current = null;
            return false;
        }

        if (PendingCount == 0)
        {
            var next = StateMachine();
            if (PendingCount == 0)
            {
                Current = next;
                return true;
            }

            Enqueue(next);
        }

        Current = _highPriority is { Count: > 0 } ? _highPriority.Dequeue() : _normalPriority!.Dequeue();
        return true;
    }

    private void Enqueue(E.ParsingEvent parsingEvent)
    {
        if (parsingEvent is E.StreamStart or E.DocumentStart)
        {
            (_highPriority ??= new()).Enqueue(parsingEvent);
        }
        else
        {
            (_normalPriority ??= new()).Enqueue(parsingEvent);
        }
    }

    private T.Token? GetCurrentToken()
    {
        if (_currentToken is null)
        {
            while (scanner.MoveNextWithoutConsuming())
            {
                _currentToken = scanner.Current;
                if (_currentToken is not T.Comment comment)
                {
                    break;
                }

                Enqueue(new E.Comment(comment.Value, comment.IsInline, comment.Start, comment.End));
                scanner.ConsumeCurrent();
            }
        }

        return _currentToken;
    }

    private E.ParsingEvent StateMachine() => _state switch
    {
        State.StreamStart => ParseStreamStart(),
        State.ImplicitDocumentStart => ParseDocumentStart(isImplicit: true),
        State.DocumentStart => ParseDocumentStart(isImplicit: false),
        State.DocumentContent => ParseDocumentContent(),
        State.DocumentEnd => ParseDocumentEnd(),
        State.BlockNode => ParseNode(isBlock: true, isIndentlessSequence: false),
        State.BlockNodeOrIndentlessSequence => ParseNode(isBlock: true, isIndentlessSequence: true),
        State.FlowNode => ParseNode(isBlock: false, isIndentlessSequence: false),
        State.BlockSequenceFirstEntry => ParseBlockSequenceEntry(isFirst: true),
        State.BlockSequenceEntry => ParseBlockSequenceEntry(isFirst: false),
        State.IndentlessSequenceEntry => ParseIndentlessSequenceEntry(),
        State.BlockMappingFirstKey => ParseBlockMappingKey(isFirst: true),
        State.BlockMappingKey => ParseBlockMappingKey(isFirst: false),
        State.BlockMappingValue => ParseBlockMappingValue(),
        State.FlowSequenceFirstEntry => ParseFlowSequenceEntry(isFirst: true),
        State.FlowSequenceEntry => ParseFlowSequenceEntry(isFirst: false),
        State.FlowSequenceEntryMappingKey => ParseFlowSequenceEntryMappingKey(),
        State.FlowSequenceEntryMappingValue => ParseFlowSequenceEntryMappingValue(),
        State.FlowSequenceEntryMappingEnd => ParseFlowSequenceEntryMappingEnd(),
        State.FlowMappingFirstKey => ParseFlowMappingKey(isFirst: true),
        State.FlowMappingKey => ParseFlowMappingKey(isFirst: false),
        State.FlowMappingValue => ParseFlowMappingValue(isEmpty: false),
        State.FlowMappingEmptyValue => ParseFlowMappingValue(isEmpty: true),
        _ => throw new InvalidOperationException(),
    };

    private void Skip()
    {
        if (_currentToken is not null)
        {
            _currentToken = null;
            scanner.ConsumeCurrent();
        }
    }

    private static Mark StartOf(T.Token? token) => token?.Start ?? Mark.Empty;

    private static Mark EndOf(T.Token? token) => token?.End ?? Mark.Empty;

    private E.StreamStart ParseStreamStart()
    {
        var token = GetCurrentToken();
        if (token is not T.StreamStart streamStart)
        {
            throw new SemanticErrorException(StartOf(token), EndOf(token), "Did not find expected <stream-start>.");
        }

        Skip();
        _state = State.ImplicitDocumentStart;
        return new E.StreamStart(streamStart.Start, streamStart.End);
    }

    private E.ParsingEvent ParseDocumentStart(bool isImplicit)
    {
        if (_currentToken is T.VersionDirective)
        {
            throw new SyntaxErrorException("While parsing a document start node, could not find document end marker before version directive.");
        }

        var token = GetCurrentToken();
        if (!isImplicit)
        {
            while (token is T.DocumentEnd)
            {
                Skip();
                token = GetCurrentToken();
            }
        }

        if (token is null)
        {
            throw new SyntaxErrorException("Reached the end of the stream while parsing a document start.");
        }

        if (token is T.Scalar && _state is State.ImplicitDocumentStart or State.DocumentStart)
        {
            isImplicit = true;
        }

        if ((isImplicit && token is not (T.VersionDirective or T.TagDirective or T.DocumentStart or T.StreamEnd or T.DocumentEnd)) || token is T.BlockMappingStart)
        {
            var implicitTags = new TagDirectiveCollection();
            ProcessDirectives(implicitTags);
            _states.Push(State.DocumentEnd);
            _state = State.BlockNode;
            return new E.DocumentStart(null, implicitTags, isImplicit: true, token.Start, token.End);
        }

        if (token is not (T.StreamEnd or T.DocumentEnd))
        {
            var start = token.Start;
            var tags = new TagDirectiveCollection();
            var versionDirective = ProcessDirectives(tags);
            token = GetCurrentToken() ?? throw new SemanticErrorException("Reached the end of the stream while parsing a document start");
            if (token is not T.DocumentStart)
            {
                throw new SemanticErrorException(token.Start, token.End, "Did not find expected <document start>.");
            }

            _states.Push(State.DocumentEnd);
            _state = State.DocumentContent;
            var end = token.End;
            Skip();
            return new E.DocumentStart(versionDirective, tags, isImplicit: false, start, end);
        }

        if (token is T.DocumentEnd)
        {
            Skip();
        }

        _state = State.StreamEnd;
        token = GetCurrentToken() ?? throw new SemanticErrorException("Reached the end of the stream while parsing a document start");
        var streamEnd = new E.StreamEnd(token.Start, token.End);
        if (scanner.MoveNextWithoutConsuming())
        {
            throw new InvalidOperationException("The scanner should contain no more tokens.");
        }

        return streamEnd;
    }

    private T.VersionDirective? ProcessDirectives(TagDirectiveCollection tags)
    {
        var hasDirectives = false;
        T.VersionDirective? result = null;
        while (true)
        {
            if (GetCurrentToken() is T.VersionDirective versionDirective)
            {
                if (_version is not null)
                {
                    throw new SemanticErrorException(versionDirective.Start, versionDirective.End, "Found duplicate %YAML directive.");
                }

                if (versionDirective.Version.Major != 1 || versionDirective.Version.Minor > 3)
                {
                    throw new SemanticErrorException(versionDirective.Start, versionDirective.End, "Found incompatible YAML document.");
                }

                result = _version = versionDirective;
                hasDirectives = true;
            }
            else if (GetCurrentToken() is T.TagDirective tagDirective)
            {
                if (tags.Contains(tagDirective.Handle))
                {
                    throw new SemanticErrorException(tagDirective.Start, tagDirective.End, "Found duplicate %TAG directive.");
                }

                tags.Add(tagDirective);
                hasDirectives = true;
            }
            else
            {
                break;
            }

            Skip();
        }

        if (GetCurrentToken() is T.DocumentStart && (_version is null || (_version.Version.Major == 1 && _version.Version.Minor > 1)))
        {
            if (_version is null)
            {
                _version = new T.VersionDirective(new YamlDotNet.Core.Version(1, 2));
            }

            hasDirectives = true;
        }

        AddTagDirectives(tags, Constants.DefaultTagDirectives);
        if (hasDirectives)
        {
            _tagDirectives.Clear();
        }

        AddTagDirectives(_tagDirectives, tags);
        return result;
    }

    private static void AddTagDirectives(TagDirectiveCollection directives, IEnumerable<T.TagDirective> source)
    {
        foreach (var directive in source)
        {
            if (!directives.Contains(directive))
            {
                directives.Add(directive);
            }
        }
    }

    private E.ParsingEvent ParseDocumentContent()
    {
        if (GetCurrentToken() is T.VersionDirective or T.TagDirective or T.DocumentStart or T.DocumentEnd or T.StreamEnd)
        {
            _state = _states.Pop();
            return EmptyScalar(scanner.CurrentPosition);
        }

        return ParseNode(isBlock: true, isIndentlessSequence: false);
    }

    private static E.Scalar EmptyScalar(Mark position) =>
        new(AnchorName.Empty, TagName.Empty, string.Empty, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false, position, position);

    private E.ParsingEvent ParseNode(bool isBlock, bool isIndentlessSequence)
    {
        if (GetCurrentToken() is T.Error firstError)
        {
            throw new SemanticErrorException(firstError.Start, firstError.End, firstError.Value);
        }

        var token = GetCurrentToken() ?? throw new SemanticErrorException("Reached the end of the stream while parsing a node");
        if (token is T.AnchorAlias alias)
        {
            _state = _states.Pop();
            var aliasEvent = new E.AnchorAlias(alias.Value, alias.Start, alias.End);
            Skip();
            return aliasEvent;
        }

        var start = token.Start;
        var anchor = AnchorName.Empty;
        var tag = TagName.Empty;
        T.Anchor? anchorToken = null;
        T.Tag? tagToken = null;
        while (true)
        {
            if (anchor.IsEmpty && token is T.Anchor anchorHere)
            {
                anchorToken = anchorHere;
                anchor = anchorHere.Value;
                Skip();
            }
            else if (tag.IsEmpty && token is T.Tag tagHere)
            {
                tagToken = tagHere;
                if (string.IsNullOrEmpty(tagHere.Handle))
                {
                    tag = new TagName(tagHere.Suffix);
                }
                else
                {
                    if (!_tagDirectives.Contains(tagHere.Handle))
                    {
                        throw new SemanticErrorException(tagHere.Start, tagHere.End, "While parsing a node, found undefined tag handle.");
                    }

                    tag = new TagName(_tagDirectives[tagHere.Handle].Prefix + tagHere.Suffix);
                }

                Skip();
            }
            else
            {
                if (token is T.Anchor secondAnchor)
                {
                    throw new SemanticErrorException(secondAnchor.Start, secondAnchor.End, "While parsing a node, found more than one anchor.");
                }

                if (token is T.AnchorAlias misplacedAlias)
                {
                    throw new SemanticErrorException(misplacedAlias.Start, misplacedAlias.End, "While parsing a node, did not find expected token.");
                }

                if (token is not T.Error error)
                {
                    break;
                }

                if (tagToken is not null && anchorToken is not null && !anchor.IsEmpty)
                {
                    return new E.Scalar(anchor, default, string.Empty, ScalarStyle.Any, isPlainImplicit: false, isQuotedImplicit: false, anchorToken.Start, anchorToken.End);
                }

                throw new SemanticErrorException(error.Start, error.End, error.Value);
            }

            token = GetCurrentToken() ?? throw new SemanticErrorException("Reached the end of the stream while parsing a node");
        }

        var isImplicit = tag.IsEmpty;
        if (isIndentlessSequence && GetCurrentToken() is T.BlockEntry)
        {
            _state = State.IndentlessSequenceEntry;
            return new E.SequenceStart(anchor, tag, isImplicit, E.SequenceStyle.Block, start, token.End);
        }

        if (token is T.Scalar scalar)
        {
            var isPlainImplicit = false;
            var isQuotedImplicit = false;
            if ((scalar.Style == ScalarStyle.Plain && tag.IsEmpty) || tag.IsNonSpecific)
            {
                isPlainImplicit = true;
            }
            else if (tag.IsEmpty)
            {
                isQuotedImplicit = true;
            }

            _state = _states.Pop();
            Skip();
            var scalarEvent = new E.Scalar(anchor, tag, scalar.Value, scalar.Style, isPlainImplicit, isQuotedImplicit, start, scalar.End);
            if (!anchor.IsEmpty && scanner.MoveNextWithoutConsuming())
            {
                _currentToken = scanner.Current;
                if (_currentToken is T.Error afterAnchor)
                {
                    throw new SemanticErrorException(afterAnchor.Start, afterAnchor.End, afterAnchor.Value);
                }
            }

            if (_state == State.FlowMappingKey && scanner.Current is not T.FlowMappingEnd && scanner.MoveNextWithoutConsuming())
            {
                _currentToken = scanner.Current;
                if (_currentToken is not null and not T.FlowEntry and not T.FlowMappingEnd)
                {
                    throw new SemanticErrorException(_currentToken.Start, _currentToken.End, "While parsing a flow mapping, did not find expected ',' or '}'.");
                }
            }

            return scalarEvent;
        }

        if (token is T.FlowSequenceStart flowSequenceStart)
        {
            _state = State.FlowSequenceFirstEntry;
            return new E.SequenceStart(anchor, tag, isImplicit, E.SequenceStyle.Flow, start, flowSequenceStart.End);
        }

        if (token is T.FlowMappingStart flowMappingStart)
        {
            _state = State.FlowMappingFirstKey;
            return new E.MappingStart(anchor, tag, isImplicit, E.MappingStyle.Flow, start, flowMappingStart.End);
        }

        if (isBlock)
        {
            if (token is T.BlockSequenceStart blockSequenceStart)
            {
                _state = State.BlockSequenceFirstEntry;
                return new E.SequenceStart(anchor, tag, isImplicit, E.SequenceStyle.Block, start, blockSequenceStart.End);
            }

            if (token is T.BlockMappingStart blockMappingStart)
            {
                _state = State.BlockMappingFirstKey;
                return new E.MappingStart(anchor, tag, isImplicit, E.MappingStyle.Block, start, blockMappingStart.End);
            }
        }

        if (!anchor.IsEmpty || !tag.IsEmpty)
        {
            _state = _states.Pop();
            return new E.Scalar(anchor, tag, string.Empty, ScalarStyle.Plain, isImplicit, isQuotedImplicit: false, start, token.End);
        }

        throw new SemanticErrorException(token.Start, token.End, "While parsing a node, did not find expected node content.");
    }

    private E.DocumentEnd ParseDocumentEnd()
    {
        var token = GetCurrentToken() ?? throw new SemanticErrorException("Reached the end of the stream while parsing a document end");
        var isImplicit = true;
        var start = token.Start;
        var end = start;
        if (token is T.DocumentEnd)
        {
            end = token.End;
            Skip();
            isImplicit = false;
        }
        else if (_currentToken is not (T.StreamEnd or T.DocumentStart or T.FlowSequenceEnd or T.VersionDirective) && (Current is not E.Scalar || _currentToken is not T.Error))
        {
            throw new SemanticErrorException(start, end, "Did not find expected <document end>.");
        }

        if (_version is not null && _version.Version.Major == 1 && _version.Version.Minor > 1)
        {
            _version = null;
        }

        _state = State.DocumentStart;
        return new E.DocumentEnd(isImplicit, start, end);
    }

    private E.ParsingEvent ParseBlockSequenceEntry(bool isFirst)
    {
        if (isFirst)
        {
            GetCurrentToken();
            Skip();
        }

        var token = GetCurrentToken();
        if (token is T.BlockEntry entry)
        {
            var position = entry.End;
            Skip();
            token = GetCurrentToken();
            if (token is not (T.BlockEntry or T.BlockEnd))
            {
                _states.Push(State.BlockSequenceEntry);
                return ParseNode(isBlock: true, isIndentlessSequence: false);
            }

            _state = State.BlockSequenceEntry;
            return EmptyScalar(position);
        }

        if (token is T.BlockEnd blockEnd)
        {
            _state = _states.Pop();
            var sequenceEnd = new E.SequenceEnd(blockEnd.Start, blockEnd.End);
            Skip();
            return sequenceEnd;
        }

        throw new SemanticErrorException(StartOf(token), EndOf(token), "While parsing a block collection, did not find expected '-' indicator.");
    }

    private E.ParsingEvent ParseIndentlessSequenceEntry()
    {
        var token = GetCurrentToken();
        if (token is T.BlockEntry entry)
        {
            var position = entry.End;
            Skip();
            token = GetCurrentToken();
            if (token is not (T.BlockEntry or T.Key or T.Value or T.BlockEnd))
            {
                _states.Push(State.IndentlessSequenceEntry);
                return ParseNode(isBlock: true, isIndentlessSequence: false);
            }

            _state = State.IndentlessSequenceEntry;
            return EmptyScalar(position);
        }

        _state = _states.Pop();
        return new E.SequenceEnd(StartOf(token), EndOf(token));
    }

    private E.ParsingEvent ParseBlockMappingKey(bool isFirst)
    {
        if (isFirst)
        {
            GetCurrentToken();
            Skip();
        }

        var token = GetCurrentToken();
        if (token is T.Key key)
        {
            var position = key.End;
            Skip();
            token = GetCurrentToken();
            if (token is not (T.Key or T.Value or T.BlockEnd))
            {
                _states.Push(State.BlockMappingValue);
                return ParseNode(isBlock: true, isIndentlessSequence: true);
            }

            _state = State.BlockMappingValue;
            return EmptyScalar(position);
        }

        if (token is T.Value value)
        {
            Skip();
            return EmptyScalar(value.End);
        }

        if (token is T.AnchorAlias alias)
        {
            Skip();
            return new E.AnchorAlias(alias.Value, alias.Start, alias.End);
        }

        if (token is T.BlockEnd blockEnd)
        {
            _state = _states.Pop();
            var mappingEnd = new E.MappingEnd(blockEnd.Start, blockEnd.End);
            Skip();
            return mappingEnd;
        }

        if (GetCurrentToken() is T.Error error)
        {
            throw new SyntaxErrorException(error.Start, error.End, error.Value);
        }

        throw new SemanticErrorException(StartOf(token), EndOf(token), "While parsing a block mapping, did not find expected key.");
    }

    private E.ParsingEvent ParseBlockMappingValue()
    {
        var token = GetCurrentToken();
        if (token is T.Value value)
        {
            var position = value.End;
            Skip();
            token = GetCurrentToken();
            if (token is not (T.Key or T.Value or T.BlockEnd))
            {
                _states.Push(State.BlockMappingKey);
                return ParseNode(isBlock: true, isIndentlessSequence: true);
            }

            _state = State.BlockMappingKey;
            return EmptyScalar(position);
        }

        if (token is T.Error error)
        {
            throw new SemanticErrorException(error.Start, error.End, error.Value);
        }

        _state = State.BlockMappingKey;
        return EmptyScalar(StartOf(token));
    }

    private E.ParsingEvent ParseFlowSequenceEntry(bool isFirst)
    {
        if (isFirst)
        {
            GetCurrentToken();
            Skip();
        }

        var token = GetCurrentToken();
        if (token is not T.FlowSequenceEnd)
        {
            if (!isFirst)
            {
                if (token is not T.FlowEntry)
                {
                    throw new SemanticErrorException(StartOf(token), EndOf(token), "While parsing a flow sequence, did not find expected ',' or ']'.");
                }

                Skip();
                token = GetCurrentToken();
            }

            if (token is T.Key)
            {
                _state = State.FlowSequenceEntryMappingKey;
                var mappingStart = new E.MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, E.MappingStyle.Flow);
                Skip();
                return mappingStart;
            }

            if (token is not T.FlowSequenceEnd)
            {
                _states.Push(State.FlowSequenceEntry);
                return ParseNode(isBlock: false, isIndentlessSequence: false);
            }
        }

        _state = _states.Pop();
        var sequenceEnd = new E.SequenceEnd(StartOf(token), EndOf(token));
        Skip();
        if (scanner.MoveNextWithoutConsuming())
        {
            _currentToken = scanner.Current;
            if (_currentToken is T.Error error && error.Start.Index > token!.End.Index)
            {
                throw new SemanticErrorException(error.Start, error.End, error.Value);
            }
        }

        return sequenceEnd;
    }

    private E.ParsingEvent ParseFlowSequenceEntryMappingKey()
    {
        var token = GetCurrentToken();
        if (token is not (T.Value or T.FlowEntry or T.FlowSequenceEnd))
        {
            _states.Push(State.FlowSequenceEntryMappingValue);
            return ParseNode(isBlock: false, isIndentlessSequence: false);
        }

        var position = EndOf(token);
        Skip();
        _state = State.FlowSequenceEntryMappingValue;
        return EmptyScalar(position);
    }

    private E.ParsingEvent ParseFlowSequenceEntryMappingValue()
    {
        var token = GetCurrentToken();
        if (token is T.Value)
        {
            Skip();
            token = GetCurrentToken();
            if (token is not (T.FlowEntry or T.FlowSequenceEnd))
            {
                _states.Push(State.FlowSequenceEntryMappingEnd);
                return ParseNode(isBlock: false, isIndentlessSequence: false);
            }
        }

        _state = State.FlowSequenceEntryMappingEnd;
        return EmptyScalar(StartOf(token));
    }

    private E.MappingEnd ParseFlowSequenceEntryMappingEnd()
    {
        _state = State.FlowSequenceEntry;
        var token = GetCurrentToken();
        return new E.MappingEnd(StartOf(token), EndOf(token));
    }

    private E.ParsingEvent ParseFlowMappingKey(bool isFirst)
    {
        if (isFirst)
        {
            GetCurrentToken();
            Skip();
        }

        var token = GetCurrentToken();
        if (token is not T.FlowMappingEnd)
        {
            if (!isFirst)
            {
                if (token is T.FlowEntry)
                {
                    Skip();
                    token = GetCurrentToken();
                }
                else if (token is not T.Scalar)
                {
                    // Two spaces, as in YamlDotNet's message.
                    throw new SemanticErrorException(StartOf(token), EndOf(token), "While parsing a flow mapping,  did not find expected ',' or '}'.");
                }
            }

            if (token is T.Key)
            {
                Skip();
                token = GetCurrentToken();
                if (token is not (T.Value or T.FlowEntry or T.FlowMappingEnd))
                {
                    _states.Push(State.FlowMappingValue);
                    return ParseNode(isBlock: false, isIndentlessSequence: false);
                }

                _state = State.FlowMappingValue;
                return EmptyScalar(StartOf(token));
            }

            if (token is T.Scalar)
            {
                _states.Push(State.FlowMappingValue);
                return ParseNode(isBlock: false, isIndentlessSequence: false);
            }

            if (token is not T.FlowMappingEnd)
            {
                _states.Push(State.FlowMappingEmptyValue);
                return ParseNode(isBlock: false, isIndentlessSequence: false);
            }
        }

        _state = _states.Pop();
        Skip();
        return new E.MappingEnd(StartOf(token), EndOf(token));
    }

    private E.ParsingEvent ParseFlowMappingValue(bool isEmpty)
    {
        var token = GetCurrentToken();
        if (!isEmpty && token is T.Value)
        {
            Skip();
            token = GetCurrentToken();
            if (token is not (T.FlowEntry or T.FlowMappingEnd))
            {
                _states.Push(State.FlowMappingKey);
                return ParseNode(isBlock: false, isIndentlessSequence: false);
            }
        }

        _state = State.FlowMappingKey;
        if (!isEmpty && token is T.Scalar scalar)
        {
            Skip();
            return new E.Scalar(AnchorName.Empty, TagName.Empty, scalar.Value, scalar.Style, isPlainImplicit: false, isQuotedImplicit: false, token.Start, scalar.End);
        }

        return EmptyScalar(StartOf(token));
    }
}
