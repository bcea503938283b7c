using HotspotIntel.Api.Input;
using HotspotIntel.Core.Agencies;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Hotspots;
using HotspotIntel.Core.Identifiers;
using HotspotIntel.Core.Links;
using HotspotIntel.Core.Locations;
using HotspotIntel.Core.MissingEpisodes;
using HotspotIntel.Core.Persons;
using HotspotIntel.Core.Premises;
using HotspotIntel.Core.Records;
using HotspotIntel.Core.Reports;
using HotspotIntel.Core.Vehicles;
using Microsoft.EntityFrameworkCore;
using PremisesEntity = HotspotIntel.Core.Premises.Premises;

namespace HotspotIntel.Api.Data;

/// <summary>The EF Core model over the schema that <c>migrations/</c> defines; it never creates or alters tables itself.</summary>
public sealed class HotspotIntelDbContext(DbContextOptions<HotspotIntelDbContext> options) : DbContext(options)
{
    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<IntelligenceReport> Reports => Set<IntelligenceReport>();

    public DbSet<Person> Persons => Set<Person>();

    public DbSet<PremisesEntity> Premises => Set<PremisesEntity>();

    public DbSet<Location> Locations => Set<Location>();

    public DbSet<Vehicle> Vehicles => Set<Vehicle>();

    public DbSet<PhoneNumber> PhoneNumbers => Set<PhoneNumber>();

    public DbSet<OnlineIdentifier> OnlineIdentifiers => Set<OnlineIdentifier>();

    public DbSet<Link> Links => Set<Link>();

    public DbSet<MissingEpisode> MissingEpisodes => Set<MissingEpisode>();

    public DbSet<Import> Imports => Set<Import>();

    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    public DbSet<SharingAgreement> SharingAgreements => Set<SharingAgreement>();

    /// <summary>Read-only here: entries are appended by the database's own functions (migrations/0016), never through SaveChanges.</summary>
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    /// <summary>Read-only here: written in SQL by the sealing job (<c>Audit.SealAuditLogJob</c>).</summary>
    public DbSet<SealedAuditEntry> AuditSeals => Set<SealedAuditEntry>();

    public DbSet<RecordDueForReview> RecordsDueForReview => Set<RecordDueForReview>();

    public DbSet<Core.Tasking.DisruptionAction> DisruptionActions => Set<Core.Tasking.DisruptionAction>();

    /// <summary>The partnership's tactic list (built-in and administrators' own).</summary>
    public DbSet<Core.Tasking.ListedTactic> Tactics => Set<Core.Tasking.ListedTactic>();

    /// <summary>The partnership's risk indicator list (built-in and administrators' own).</summary>
    public DbSet<ListedRiskIndicator> RiskIndicators => Set<ListedRiskIndicator>();

    public DbSet<HotspotRun> HotspotRuns => Set<HotspotRun>();

    public DbSet<Hotspot> Hotspots => Set<Hotspot>();

    public DbSet<HotspotHistoryEntry> HotspotHistory => Set<HotspotHistoryEntry>();

    public DbSet<HotspotLineage> HotspotLineage => Set<HotspotLineage>();

    /// <summary>Tasking meeting packs and their files (migrations/0044).</summary>
    public DbSet<MeetingPack> MeetingPacks => Set<MeetingPack>();

    public DbSet<MeetingPackFile> MeetingPackFiles => Set<MeetingPackFile>();

    /// <summary>Panels (MACE, CMOG, perpetrator forums), their lists, case references and meetings (migrations/0051).</summary>
    public DbSet<Core.Panels.Panel> Panels => Set<Core.Panels.Panel>();

    public DbSet<Core.Panels.PanelListItem> PanelListItems => Set<Core.Panels.PanelListItem>();

    public DbSet<Core.Panels.PanelCaseReference> PanelCaseReferences => Set<Core.Panels.PanelCaseReference>();

    public DbSet<Core.Panels.PanelMeeting> PanelMeetings => Set<Core.Panels.PanelMeeting>();

    public DbSet<Core.Panels.PanelDecision> PanelDecisions => Set<Core.Panels.PanelDecision>();

    /// <summary>Wards and council areas the partnership imports, with child population figures (migrations/0050).</summary>
    public DbSet<Area> Areas => Set<Area>();

    /// <summary>
    /// The hotspots of <paramref name="runId"/> (or of the runs <paramref name="runIds"/>, or of every run of
    /// <paramref name="hotspotId"/>) as the session's reader may see them: the only way to read hotspots
    /// (<see cref="SeenHotspot"/>).
    /// </summary>
    public IQueryable<SeenHotspot> HotspotsSeen(Guid? runId, Guid? hotspotId, Guid[]? runIds = null) =>
        FromExpression(() => HotspotsSeen(runId, hotspotId, runIds));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HotspotIntelDbContext).Assembly);
        modelBuilder.HasDbFunction(typeof(BoundingBox).GetMethod(nameof(BoundingBox.Overlaps))!).HasName("bbox_overlaps");
        modelBuilder.Entity<SeenHotspot>().HasNoKey().ToTable((string?)null);
        modelBuilder.HasDbFunction(typeof(HotspotIntelDbContext).GetMethod(nameof(HotspotsSeen))!).HasName("hotspots_seen");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        StoreAsCode<AgencyKind>(configurationBuilder);
        StoreAsCode<ReportCategory>(configurationBuilder);
        StoreAsCode<SourceEvaluation>(configurationBuilder);
        StoreAsCode<IntelligenceAssessment>(configurationBuilder);
        StoreAsCode<HandlingCode>(configurationBuilder);
        StoreAsCode<SecurityMarking>(configurationBuilder);
        StoreAsCode<LawfulBasis>(configurationBuilder);
        StoreAsCode<PersonRole>(configurationBuilder);
        StoreAsCode<PremisesType>(configurationBuilder);
        StoreAsCode<LocationType>(configurationBuilder);
        StoreAsCode<VehicleLicenceType>(configurationBuilder);
        StoreAsCode<OnlineIdentifierType>(configurationBuilder);
        StoreAsCode<LinkKind>(configurationBuilder);
        StoreAsCode<LinkType>(configurationBuilder);
        StoreAsCode<ImportKind>(configurationBuilder);
        StoreAsCode<AuditAction>(configurationBuilder);
        StoreAsCode<HotspotMethod>(configurationBuilder);
        StoreAsCode<HotspotTrend>(configurationBuilder);
        StoreAsCode<HotspotRunKind>(configurationBuilder);
        StoreAsCode<HotspotRunStatus>(configurationBuilder);
        StoreAsCode<HotspotLineageKind>(configurationBuilder);
        StoreAsCode<Core.Tasking.ActionStatus>(configurationBuilder);
        StoreAsCode<Core.Tasking.ActionTargetKind>(configurationBuilder);
        StoreAsCode<MeetingPackStatus>(configurationBuilder);
        StoreAsCode<Core.Panels.PanelKind>(configurationBuilder);
        StoreAsCode<Core.Panels.PanelEntityKind>(configurationBuilder);
        StoreAsCode<MeetingPackKind>(configurationBuilder);
        StoreAsCode<AreaKind>(configurationBuilder);
    }

    private static void StoreAsCode<TEnum>(ModelConfigurationBuilder configurationBuilder) where TEnum : struct, Enum =>
        configurationBuilder.Properties<TEnum>().HaveConversion<EnumCodeConverter<TEnum>>();
}
