using HotspotIntel.Bench.City;

namespace HotspotIntel.Bench.Output;

/// <summary>
/// Writes a synthetic city to a folder of CSV files (see <see cref="DatasetTables"/>) with planted-hotspots.json and
/// manifest.json beside them, streaming network by network so even the regional scale needs little memory.
/// </summary>
internal static class CsvDatasetWriter
{
    /// <summary>Writes every file, or with <paramref name="reportsOnly"/> just reports.csv and report-keys.csv (what an import benchmark needs).</summary>
    public static DatasetManifest Write(SyntheticCity city, string folder, bool reportsOnly = false)
    {
        Directory.CreateDirectory(folder);
        var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);

        using (var reports = new CsvFile<Core.Reports.IntelligenceReport>(folder, DatasetTables.Reports))
        using (var reportKeys = new CsvFile<Core.Reports.IntelligenceReport>(folder, DatasetTables.ReportKeys))
        {
            if (reportsOnly)
            {
                foreach (var network in city.Networks())
                {
                    reports.WriteAll(network.Reports);
                    reportKeys.WriteAll(network.Reports);
                }
            }
            else
            {
                WriteRecords(city, folder, reports, reportKeys, rows);
            }

            rows[reports.FileName] = reports.Rows;
            rows[reportKeys.FileName] = reportKeys.Rows;
        }

        PlantedTruth.Of(city).Write(folder);
        var manifest = new DatasetManifest(DatasetManifest.CurrentGeneratorVersion, city.Seed, city.Scale.Reports, reportsOnly, rows);
        manifest.Write(folder);
        return manifest;
    }

    private static void WriteRecords(SyntheticCity city, string folder, CsvFile<Core.Reports.IntelligenceReport> reports,
        CsvFile<Core.Reports.IntelligenceReport> reportKeys, SortedDictionary<string, long> rows)
    {
        void Whole<T>(CsvTable<T> table, IEnumerable<T> records)
        {
            using var file = new CsvFile<T>(folder, table);
            file.WriteAll(records);
            rows[file.FileName] = file.Rows;
        }

        Whole(DatasetTables.Agencies, city.Agencies.All);
        Whole(DatasetTables.Wards, city.Map.Wards);
        Whole(DatasetTables.Premises, city.Premises);
        Whole(DatasetTables.PremisesKeys, city.Premises);
        Whole(DatasetTables.Locations, city.Locations);
        Whole(DatasetTables.Vehicles, city.Vehicles);

        using var persons = new CsvFile<Core.Persons.Person>(folder, DatasetTables.Persons);
        using var reportPersons = new CsvFile<(Guid, Guid)>(folder, DatasetTables.ReportPersons);
        using var reportPremises = new CsvFile<(Guid, Guid)>(folder, DatasetTables.ReportPremises);
        using var reportVehicles = new CsvFile<(Guid, Guid)>(folder, DatasetTables.ReportVehicles);
        using var reportLocations = new CsvFile<(Guid, Guid)>(folder, DatasetTables.ReportLocations);
        using var links = new CsvFile<Core.Links.Link>(folder, DatasetTables.Links);
        using var linkReports = new CsvFile<(Guid, Guid)>(folder, DatasetTables.LinkReports);
        using var episodes = new CsvFile<Core.MissingEpisodes.MissingEpisode>(folder, DatasetTables.MissingEpisodes);
        foreach (var network in city.Networks())
        {
            persons.WriteAll(network.Persons);
            reports.WriteAll(network.Reports);
            reportKeys.WriteAll(network.Reports);
            foreach (var report in network.Reports)
            {
                reportPersons.WriteAll(report.Persons.Select(p => (report.Id, p.Id)));
                reportPremises.WriteAll(report.Premises.Select(p => (report.Id, p.Id)));
                reportVehicles.WriteAll(report.Vehicles.Select(v => (report.Id, v.Id)));
                reportLocations.WriteAll(report.Locations.Select(l => (report.Id, l.Id)));
            }

            links.WriteAll(network.Links);
            linkReports.WriteAll(network.Links.SelectMany(link => link.SourceReports.Select(r => (link.Id, r.Id))));
            episodes.WriteAll(network.MissingEpisodes);
        }

        rows[persons.FileName] = persons.Rows;
        rows[reportPersons.FileName] = reportPersons.Rows;
        rows[reportPremises.FileName] = reportPremises.Rows;
        rows[reportVehicles.FileName] = reportVehicles.Rows;
        rows[reportLocations.FileName] = reportLocations.Rows;
        rows[links.FileName] = links.Rows;
        rows[linkReports.FileName] = linkReports.Rows;
        rows[episodes.FileName] = episodes.Rows;
    }
}
