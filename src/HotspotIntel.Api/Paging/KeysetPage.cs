using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Paging;

/// <summary>
/// One page of a list newest first by UUID v7 id (<see cref="KeysetCursor"/>): <paramref name="Limit"/> rows whose id
/// is below <paramref name="After"/>, the last id of the previous page (null: the first page).
/// </summary>
public sealed record KeysetPage(int Limit, Guid? After)
{
    /// <summary>
    /// Reads the page from <paramref name="query"/> (filtered, not ordered) by the id <paramref name="id"/> selects:
    /// one row more than the limit, to learn whether another page follows, and that page's cursor.
    /// Becomes <c>WHERE id &lt; @after ORDER BY id DESC LIMIT @limit + 1</c>, a backward scan of the primary key.
    /// </summary>
    public async Task<(List<T> Rows, string? NextCursor)> ReadAsync<T>(IQueryable<T> query, Expression<Func<T, Guid>> id,
        CancellationToken cancellationToken)
    {
        if (After is { } after)
        {
            // A captured variable, so EF Core sends the cursor's id as a parameter.
            Expression<Func<Guid>> lastSeen = () => after;
            var below = Expression.LessThan(
                Expression.Call(id.Body, typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!, lastSeen.Body), Expression.Constant(0));
            query = query.Where(Expression.Lambda<Func<T, bool>>(below, id.Parameters));
        }

        var rows = await query.OrderByDescending(id).Take(Limit + 1).ToListAsync(cancellationToken);
        return (rows, KeysetCursor.Next(rows, Limit, id.Compile()));
    }
}
