using System.Linq.Expressions;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Records;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Core;
using HotspotIntel.Core.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Lists;

/// <summary>What kind of geometry a list's rows have, which decides how a CSV gives it.</summary>
public enum ListGeometry
{
    /// <summary>No geometry: a table, never a map layer.</summary>
    None,

    /// <summary>Points: a CSV gives two coordinate columns.</summary>
    Point,

    /// <summary>Areas or a mix of points and areas: a CSV gives the geometry as WKT.</summary>
    Any,
}

/// <summary>
/// A list as GIS tools and spreadsheets read it: flat, typed columns, a geometry, the security marking of each row and
/// the filters it takes. OGC API Features serves the spatial ones as collections and exports write any of them as CSV or
/// GeoJSON, both through the list's own filter (the same query, masking and suppression as its REST list) and keyset
/// paging on its key. A new list is one <see cref="ListTable{TRow, TFilter}"/>.
/// </summary>
public interface IListTable
{
    /// <summary>The list's name in paths, e.g. <c>reports</c>.</summary>
    string Id { get; }

    /// <summary>What its rows are, plural, e.g. "Intelligence reports".</summary>
    string Title { get; }

    string Description { get; }

    ListGeometry Geometry { get; }

    /// <summary>The authorization policy a reader needs (<see cref="Policies"/>).</summary>
    string Policy { get; }

    /// <summary>Whether the list has a time to filter by (<c>datetime</c>) and a temporal extent.</summary>
    bool HasTime { get; }

    IReadOnlyList<ListParameter> Parameters { get; }

    /// <summary>The columns of every row, in order; the last is always <see cref="ListColumns.MarkingColumn"/>.</summary>
    IReadOnlyList<ColumnInfo> Columns { get; }

    /// <summary>The list's filter from <paramref name="query"/>, each bad value named in <paramref name="errors"/>.</summary>
    object ReadFilter(ListQuery query, ValidationErrors errors);

    /// <summary>What the filter names that does not exist: a 404, or an error in <paramref name="errors"/>; null when all is there.</summary>
    Task<ProblemHttpResult?> CheckAsync(HotspotIntelDbContext db, object filter, ValidationErrors errors, CancellationToken cancellationToken);

    /// <summary>
    /// One keyset page of the rows <paramref name="filter"/> selects in <paramref name="area"/> (WGS84): newest first,
    /// the <paramref name="limit"/> rows after the key <paramref name="after"/> (older) or, given
    /// <paramref name="before"/>, the ones just before it (newer).
    /// </summary>
    Task<ListPage> PageAsync(HotspotIntelDbContext db, object filter, Polygon? area, Guid? after, Guid? before, int limit, CancellationToken cancellationToken);

    /// <summary>The row with key <paramref name="id"/>, as the caller may see it, or null.</summary>
    Task<ListRow?> FindAsync(HotspotIntelDbContext db, object filter, Guid id, CancellationToken cancellationToken);

    /// <summary>The earliest and latest time of the rows the caller may see (null for lists without time, or none).</summary>
    Task<(DateTimeOffset? Earliest, DateTimeOffset? Latest)> TimeExtentAsync(HotspotIntelDbContext db, CancellationToken cancellationToken);
}

/// <inheritdoc cref="IListTable"/>
/// <typeparam name="TRow">What the list's query gives, one per row.</typeparam>
/// <typeparam name="TFilter">The list's filter, as its REST list reads it.</typeparam>
public sealed class ListTable<TRow, TFilter> : IListTable where TRow : class where TFilter : notnull
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string Description { get; init; }

    public required ListGeometry Geometry { get; init; }

    public string Policy { get; init; } = Policies.ReadRecords;

    public required IReadOnlyList<ListParameter> Parameters { get; init; }

    public required IReadOnlyList<ListColumn<TRow>> RowColumns { get; init; }

    /// <summary>Reads the filter; <see cref="ListQuery.From"/> and <see cref="ListQuery.To"/> are its time window.</summary>
    public required Func<ListQuery, ValidationErrors, TFilter> Filter { get; init; }

    /// <summary>The rows the filter selects in the area (WGS84; null: everywhere), as the caller may see them; unordered.</summary>
    public required Func<HotspotIntelDbContext, TFilter, Polygon?, IQueryable<TRow>> Query { get; init; }

    /// <summary>The row's key: a UUID v7, so newest first is descending key order.</summary>
    public required Expression<Func<TRow, Guid>> Key { get; init; }

    /// <summary>The row's time, for the temporal extent; null: the list has none and refuses <c>datetime</c>.</summary>
    public Expression<Func<TRow, DateTimeOffset>>? Time { get; init; }

    /// <summary>The row's geometry in WGS84 (SRID 4326), as the caller may see it.</summary>
    public Func<TRow, Geometry?> GeometryOf { get; init; } = _ => null;

    public required Func<TRow, SecurityMarking> Marking { get; init; }

    /// <summary>Checks what the filter names against the database (a hotspot run, say); null: nothing to check.</summary>
    public Func<HotspotIntelDbContext, TFilter, ValidationErrors, CancellationToken, Task<ProblemHttpResult?>>? Check { get; init; }

    public bool HasTime => Time is not null;

    public IReadOnlyList<ColumnInfo> Columns => _columns ??= [.. RowColumns.Select(column => column.Info), ListColumns.MarkingColumn];

    private IReadOnlyList<ColumnInfo>? _columns;

    public object ReadFilter(ListQuery query, ValidationErrors errors) => Filter(query, errors);

    public Task<ProblemHttpResult?> CheckAsync(HotspotIntelDbContext db, object filter, ValidationErrors errors, CancellationToken cancellationToken) =>
        Check?.Invoke(db, (TFilter)filter, errors, cancellationToken) ?? Task.FromResult<ProblemHttpResult?>(null);

    public async Task<ListPage> PageAsync(HotspotIntelDbContext db, object filter, Polygon? area, Guid? after, Guid? before, int limit,
        CancellationToken cancellationToken)
    {
        var rows = Query(db, (TFilter)filter, area).AsNoTracking();
        List<TRow> page;
        if (before is { } newerThan)
        {
            page = await rows.Where(KeyCompared(newerThan, ExpressionType.GreaterThan)).OrderBy(Key).Take(limit + 1).ToListAsync(cancellationToken);
            var more = page.Count > limit;
            page = [.. page.Take(limit).Reverse()];
            return new ListPage([.. page.Select(RowOf)], more);
        }

        if (after is { } olderThan)
        {
            rows = rows.Where(KeyCompared(olderThan, ExpressionType.LessThan));
        }

        page = await rows.OrderByDescending(Key).Take(limit + 1).ToListAsync(cancellationToken);
        return new ListPage([.. page.Take(limit).Select(RowOf)], page.Count > limit);
    }

    public async Task<ListRow?> FindAsync(HotspotIntelDbContext db, object filter, Guid id, CancellationToken cancellationToken)
    {
        var row = await Query(db, (TFilter)filter, null).AsNoTracking().Where(KeyCompared(id, ExpressionType.Equal)).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : RowOf(row);
    }

    public async Task<(DateTimeOffset? Earliest, DateTimeOffset? Latest)> TimeExtentAsync(HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        if (Time is null)
        {
            return (null, null);
        }

        var rows = Query(db, Filter(ListQuery.None, new ValidationErrors()), null).AsNoTracking();
        var time = Expression.Lambda<Func<TRow, DateTimeOffset?>>(Expression.Convert(Time.Body, typeof(DateTimeOffset?)), Time.Parameters);
        return (await rows.MinAsync(time, cancellationToken), await rows.MaxAsync(time, cancellationToken));
    }

    private Func<TRow, Guid>? _keyOf;

    private ListRow RowOf(TRow row) => new(
        (_keyOf ??= Key.Compile())(row), GeometryOf(row), Marking(row),
        [.. RowColumns.Select(column => column.Value(row)), EnumCodes<SecurityMarking>.ToCode(Marking(row))]);

    /// <summary><c>key.CompareTo(value) op 0</c>, which Npgsql translates to a comparison of uuids the key's index serves.</summary>
    private Expression<Func<TRow, bool>> KeyCompared(Guid value, ExpressionType comparison)
    {
        var holder = Expression.Property(Expression.Constant(new KeyValue(value)), nameof(KeyValue.Value));
        if (comparison == ExpressionType.Equal)
        {
            return Expression.Lambda<Func<TRow, bool>>(Expression.Equal(Key.Body, holder), Key.Parameters);
        }

        var compared = Expression.Call(Key.Body, typeof(Guid).GetMethod(nameof(System.Guid.CompareTo), [typeof(Guid)])!,
            holder);
        return Expression.Lambda<Func<TRow, bool>>(Expression.MakeBinary(comparison, compared, Expression.Constant(0)), Key.Parameters);
    }

    /// <summary>A value EF Core sends as a parameter rather than inlining it in the SQL (it reads a captured member).</summary>
    private sealed record KeyValue(Guid Value);
}
