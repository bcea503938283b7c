using System.ComponentModel;
using HotspotIntel.Api.Errors;
using Microsoft.AspNetCore.Mvc;

namespace HotspotIntel.Api.Audit;

/// <summary>The Justification header that every read of person-level data carries, as a handler takes it (<c>[AsParameters]</c>).</summary>
public sealed record JustificationHeader
{
    [FromHeader(Name = AuditLog.JustificationHeader), Description(AuditLog.JustificationDescription)]
    public string? Value { get; init; }

    /// <summary>Checks it into <paramref name="errors"/> (<see cref="AuditLog.RequireJustification"/>).</summary>
    public void Require(ValidationErrors errors) => AuditLog.RequireJustification(Value, errors);
}
