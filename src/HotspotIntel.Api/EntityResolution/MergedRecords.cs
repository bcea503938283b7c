using HotspotIntel.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.EntityResolution;

/// <summary>
/// A person or vehicle as entity resolution leaves it: a record merged into another stands for its survivor, and a
/// survivor for itself and every record merged into it. Read from <c>merged_into</c> under the caller's row-level
/// security, so a merge counts only where the caller may read both records, as the network reads merges.
/// </summary>
/// <param name="SurvivorId">The record asked for, or its survivor when it is merged into one the caller may read.</param>
/// <param name="MergedIds">The records merged into the survivor that the caller may read.</param>
public sealed record MergedRecords(Guid SurvivorId, IReadOnlyList<Guid> MergedIds)
{
    /// <summary>The survivor and the records merged into it.</summary>
    public IReadOnlyList<Guid> All => [SurvivorId, .. MergedIds];

    /// <summary>The person <paramref name="id"/> stands for, with the persons merged into it.</summary>
    public static async Task<MergedRecords> OfPersonAsync(HotspotIntelDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var persons = db.Persons.AsNoTracking();
        var survivor = await persons.Where(p => p.Id == id && persons.Any(s => s.Id == p.MergedIntoId))
            .Select(p => p.MergedIntoId).SingleOrDefaultAsync(cancellationToken) ?? id;
        return new(survivor, await persons.Where(p => p.MergedIntoId == survivor).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken));
    }

    /// <summary>The vehicle <paramref name="id"/> stands for, with the vehicles merged into it.</summary>
    public static async Task<MergedRecords> OfVehicleAsync(HotspotIntelDbContext db, Guid id, CancellationToken cancellationToken) =>
        (await OfVehiclesAsync(db, [id], cancellationToken))[id];

    /// <summary>For each of <paramref name="ids"/>, the vehicle it stands for with the vehicles merged into that one: two queries for any number.</summary>
    public static async Task<Dictionary<Guid, MergedRecords>> OfVehiclesAsync(HotspotIntelDbContext db, IReadOnlyCollection<Guid> ids,
        CancellationToken cancellationToken)
    {
        var vehicles = db.Vehicles.AsNoTracking();
        var merged = await vehicles.Where(v => ids.Contains(v.Id) && vehicles.Any(s => s.Id == v.MergedIntoId))
            .ToDictionaryAsync(v => v.Id, v => v.MergedIntoId!.Value, cancellationToken);
        var survivors = ids.Select(id => merged.GetValueOrDefault(id, id)).Distinct().ToList();
        // Ordered by id in the database, as the network orders them (PostgreSQL and .NET order uuids differently).
        var into = (await vehicles.Where(v => v.MergedIntoId != null && survivors.Contains(v.MergedIntoId.Value))
                .OrderBy(v => v.Id).Select(v => new { v.Id, Survivor = v.MergedIntoId!.Value }).ToListAsync(cancellationToken))
            .ToLookup(v => v.Survivor, v => v.Id);
        return ids.Distinct().ToDictionary(id => id, id =>
        {
            var survivor = merged.GetValueOrDefault(id, id);
            return new MergedRecords(survivor, [.. into[survivor]]);
        });
    }

    /// <summary>
    /// Of <paramref name="personIds"/> and <paramref name="vehicleIds"/>, those merged into a record the caller may read,
    /// each with that survivor.
    /// </summary>
    public static async Task<Dictionary<Guid, Guid>> SurvivorsAsync(HotspotIntelDbContext db, IReadOnlyCollection<Guid> personIds,
        IReadOnlyCollection<Guid> vehicleIds, CancellationToken cancellationToken)
    {
        var survivors = new Dictionary<Guid, Guid>();
        if (personIds.Count > 0)
        {
            var persons = db.Persons.AsNoTracking();
            foreach (var merged in await persons.Where(p => personIds.Contains(p.Id) && persons.Any(s => s.Id == p.MergedIntoId))
                .Select(p => new { p.Id, Survivor = p.MergedIntoId!.Value }).ToListAsync(cancellationToken))
            {
                survivors[merged.Id] = merged.Survivor;
            }
        }

        if (vehicleIds.Count > 0)
        {
            var vehicles = db.Vehicles.AsNoTracking();
            foreach (var merged in await vehicles.Where(v => vehicleIds.Contains(v.Id) && vehicles.Any(s => s.Id == v.MergedIntoId))
                .OrderBy(v => v.Id).Select(v => new { v.Id, Survivor = v.MergedIntoId!.Value }).ToListAsync(cancellationToken))
            {
                survivors[merged.Id] = merged.Survivor;
            }
        }

        return survivors;
    }
}
