using CsvHelper;

namespace HotspotIntel.Bench.Output;

/// <summary>One CSV file being written: RFC 4180 quoting, LF line ends, UTF-8 without a byte-order mark, a header line first.</summary>
internal sealed class CsvFile<T> : IDisposable
{
    private static readonly CsvWriterOptions Options = new() { NewLine = "\n" };

    private readonly CsvTable<T> _table;
    private readonly CsvWriter _writer;

    public CsvFile(string folder, CsvTable<T> table)
    {
        _table = table;
        _writer = CsvWriter.Create(File.Create(Path.Combine(folder, table.FileName)), Options, leaveOpen: false);
        _writer.WriteRecord(table.Header);
    }

    public string FileName => _table.FileName;

    public long Rows { get; private set; }

    public void Write(T record)
    {
        _writer.WriteRecord(_table.Row(record));
        Rows++;
    }

    public void WriteAll(IEnumerable<T> records)
    {
        foreach (var record in records)
        {
            Write(record);
        }
    }

    public void Dispose() => _writer.Dispose();
}
