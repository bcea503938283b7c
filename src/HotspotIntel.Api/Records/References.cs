using HotspotIntel.Api.Errors;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Records;

/// <summary>Loads the records a request refers to by id, reporting each id that names nothing.</summary>
public static class References
{
    public static async Task<List<TEntity>> LoadAsync<TEntity>(IQueryable<TEntity> source, IReadOnlyList<Guid> ids, Func<TEntity, Guid> idOf,
        string field, string recordKind, ValidationErrors errors, CancellationToken cancellationToken) where TEntity : class
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var found = await source.Where(entity => wanted.Contains(EF.Property<Guid>(entity, "Id"))).ToListAsync(cancellationToken);
        var foundIds = found.Select(idOf).ToHashSet();
        foreach (var missing in wanted.Where(id => !foundIds.Contains(id)))
        {
            errors.Add(field, $"There is no {recordKind} with id {missing}.");
        }

        return found;
    }
}
