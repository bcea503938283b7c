using System.Text.Json;
using HotspotIntel.Core;
using HotspotIntel.Core.Spatial;

namespace HotspotIntel.Api.Imports;

/// <summary>
/// Reads an RFC 7946 FeatureCollection one feature at a time, however long the file: the JSON is parsed in a buffer
/// refilled from the stream, and each feature is read once the buffer holds all of it. The features are Points in WGS84,
/// or in EPSG:27700 when the collection says <c>"coordinateSystem": "EPSG:27700"</c> or, as GDAL writes it, names
/// <c>urn:ogc:def:crs:EPSG::27700</c> in a <c>crs</c> member, before its features.
/// </summary>
internal sealed class GeoJsonRowReader : ImportRowReader
{
    // A report is a point and a few kilobytes of text; a feature this large is a mistake, and buffering it a risk.
    private const int MaxFeatureBytes = 4 * 1024 * 1024;

    private readonly Stream _file;
    private readonly GeoJsonFeatureRow _row;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _endOfInput;
    private JsonReaderState _state;
    private Stage _stage;
    private bool _featuresSeen;
    private bool _typeSeen;
    private bool _bomSkipped;

    public GeoJsonRowReader(Stream file, IReadOnlyList<ImportField> fields)
    {
        _file = file;
        _row = new GeoJsonFeatureRow(fields);
    }

    private enum Stage { BeforeCollection, InCollection, InFeatures, AfterCollection, Done }

    private enum Step { Continue, NeedInput, FeaturesStart, Feature, Done }

    public override ImportRow Current => _row;

    public override async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        while (Advance(untilFeatures: true) == Step.NeedInput)
        {
            await FillAsync(cancellationToken);
        }
    }

    public override async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            switch (Advance(untilFeatures: false))
            {
                case Step.Feature:
                    return true;
                case Step.Done:
                    return false;
                default:
                    await FillAsync(cancellationToken);
                    break;
            }
        }
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Parses what the buffer holds until a feature is read, more input is needed, or the file ends.</summary>
    private Step Advance(bool untilFeatures)
    {
        var data = _buffer.AsSpan(_start, _end - _start);
        var reader = new Utf8JsonReader(data, _endOfInput, _state);
        try
        {
            // Each step moves "committed" past what it has read whole; when the input runs out mid-step, parsing resumes from there.
            var committed = reader;
            var step = Step.Continue;
            while (step == Step.Continue)
            {
                step = reader.Read() ? Next(data, ref reader, untilFeatures) : _endOfInput ? Finish() : Step.NeedInput;
                if (step != Step.NeedInput)
                {
                    committed = reader;
                }
            }

            _start += (int)committed.BytesConsumed;
            _state = committed.CurrentState;
            return step;
        }
        catch (Exception invalid) when (invalid is JsonException or InvalidOperationException)
        {
            var position = invalid is JsonException { LineNumber: { } line, BytePositionInLine: { } column } ? $" at line {line + 1}, byte {column + 1}" : "";
            throw new MalformedImportException(_stage == Stage.InFeatures ? _row.Number + 1 : 0, $"Not valid JSON{position}: {WithoutPosition(invalid.Message)}");
        }
    }

    /// <summary>Takes in the token the reader is on, reading on to the end of the member or feature it starts.</summary>
    private Step Next(ReadOnlySpan<byte> data, ref Utf8JsonReader reader, bool untilFeatures)
    {
        switch (_stage)
        {
            case Stage.BeforeCollection:
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new MalformedImportException(0, "Not a GeoJSON FeatureCollection: the file must hold one JSON object.");
                }

                _stage = Stage.InCollection;
                return Step.Continue;
            case Stage.InCollection:
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    _stage = Stage.AfterCollection;
                    return Step.Continue;
                }

                if (!ReadMember(ref reader))
                {
                    return Step.NeedInput;
                }

                return untilFeatures && _stage == Stage.InFeatures ? Step.FeaturesStart : Step.Continue;
            case Stage.InFeatures:
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _stage = Stage.InCollection;
                    return Step.Continue;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new MalformedImportException(_row.Number + 1, $"Feature {_row.Number + 1} is not a JSON object.");
                }

                var featureStart = (int)reader.TokenStartIndex;
                if (!reader.TrySkip())
                {
                    return Step.NeedInput;
                }

                _row.Read(data[featureStart..(int)reader.BytesConsumed], _row.Number + 1);
                return Step.Feature;
            default:
                throw new MalformedImportException(0, "Content after the end of the FeatureCollection.");
        }
    }

    /// <summary>Reads one member of the collection after its name; false when the buffer does not hold all of its value.</summary>
    private bool ReadMember(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("features"u8))
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType != JsonTokenType.StartArray || _featuresSeen)
            {
                throw new MalformedImportException(0, "Not a GeoJSON FeatureCollection: it must have one member \"features\", an array of Feature objects.");
            }

            _featuresSeen = true;
            _stage = Stage.InFeatures;
            return true;
        }

        if (reader.ValueTextEquals("type"u8))
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("FeatureCollection"u8))
            {
                throw new MalformedImportException(0, "Not a GeoJSON FeatureCollection: its type must be \"FeatureCollection\".");
            }

            _typeSeen = true;
            return true;
        }

        if (reader.ValueTextEquals("coordinateSystem"u8))
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
            {
                return false;
            }

            ReadCoordinateSystem(ref reader);
            return true;
        }

        if (reader.ValueTextEquals("crs"u8))
        {
            if (!reader.Read())
            {
                return false;
            }

            // Read once the whole member is in the buffer: the copy parses what the skip proved complete.
            var member = reader;
            if (!reader.TrySkip())
            {
                return false;
            }

            using (var crs = JsonDocument.ParseValue(ref member))
            {
                var system = GeoJsonCrs.Read(crs.RootElement, out var problem);
                if (problem is not null)
                {
                    FileErrors.Add(problem);
                }

                UseCoordinateSystem("crs", system);
            }

            return true;
        }

        // Other foreign members (name, bbox …) say nothing the import needs.
        return reader.TrySkip();
    }

    private void ReadCoordinateSystem(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || !EnumCodes<CoordinateSystem>.TryParse(reader.GetString(), out var system))
        {
            FileErrors.Add(new RowError(0, "coordinateSystem", $"Must be one of: {string.Join(", ", EnumCodes<CoordinateSystem>.All)}."));
            return;
        }

        UseCoordinateSystem("coordinateSystem", system);
    }

    private void UseCoordinateSystem(string field, CoordinateSystem? system)
    {
        if (system is null)
        {
            return;
        }

        if (_featuresSeen && system != _row.CoordinateSystem)
        {
            FileErrors.Add(new RowError(0, field, "Must come before features, so that each feature is read in it."));
        }
        else
        {
            _row.UseCoordinateSystem(system.Value);
        }
    }

    private Step Finish()
    {
        if (_stage == Stage.AfterCollection && !_typeSeen)
        {
            FileErrors.Add(new RowError(0, "type", "Missing: a GeoJSON FeatureCollection says \"type\": \"FeatureCollection\"."));
        }

        _stage = Stage.Done;
        return Step.Done;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxFeatureBytes)
            {
                throw new MalformedImportException(_stage == Stage.InFeatures ? _row.Number + 1 : 0,
                    $"A feature or member of the collection is larger than {MaxFeatureBytes / (1024 * 1024)} MiB.");
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await _file.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _endOfInput = read == 0;
        _end += read;
        if (!_bomSkipped && (_end >= 3 || _endOfInput))
        {
            // Utf8JsonReader does not skip a UTF-8 byte order mark, which Windows tools write.
            _start = _buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8) ? 3 : 0;
            _bomSkipped = true;
        }
    }

    // System.Text.Json ends its messages with "LineNumber: … | BytePositionInLine: …", which the message already says better.
    private static string WithoutPosition(string message) =>
        message.IndexOf(" LineNumber:", StringComparison.Ordinal) is var cut and >= 0 ? message[..cut].TrimEnd() : message;
}
