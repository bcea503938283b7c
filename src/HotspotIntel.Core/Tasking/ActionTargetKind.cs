namespace HotspotIntel.Core.Tasking;

/// <summary>What a disruption action is taken against; codes as in JSON (snake_case).</summary>
public enum ActionTargetKind
{
    /// <summary>A published hotspot, followed by its stable id through re-analysis, splits and merges.</summary>
    Hotspot,

    /// <summary>A premises: licensed premises, takeaway, hotel, B&amp;B, hostel, HMO, private-hire operator.</summary>
    Premises,

    /// <summary>A vehicle, e.g. a taxi or private-hire vehicle.</summary>
    Vehicle,

    /// <summary>A named public place that is not a premises: park, station, taxi rank, shopping centre.</summary>
    Location,

    /// <summary>A person: an adult of concern, a licence holder, or a child (return-home interview).</summary>
    Person,
}
