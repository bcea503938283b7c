namespace HotspotIntel.Bench.City;

/// <summary>
/// Invented words for everything the city names: no real person, premises or street. Person names read as what they
/// are, "Testperson Amber-0042"; premises and places say "Example"; vehicle registrations start SYN.
/// </summary>
internal static class SyntheticNames
{
    public const string FamilyName = "Testperson";

    public static readonly string[] WardNames =
    [
        "Northfold", "Ashcombe Vale", "Brindlecote", "Copperwick", "Dunmoor Heath", "Elmshaw", "Fairbrook", "Gorseley",
        "Harrowdene", "Ivyhurst", "Juniper Leys", "Kestrelby", "Larkhollow", "Millbeck", "Nettlemead", "Oakrise",
        "Pebblewick", "Quillfield", "Rookmere", "Saltonbury", "Thistledown", "Umberton", "Vellacott", "Wrenfold",
        "Yarrowby", "Amberleigh", "Birchcombe", "Cindermoor", "Dovecote End", "Eastmere", "Fennimore", "Glasswick",
        "Hollinmere", "Ironbridge Vale", "Kingfisher Rise", "Lindenholt", "Marrowfield", "Norbury Sands", "Orchard Lea", "Pipersgate",
    ];

    public static readonly string[] GivenWords =
    [
        "Amber", "Birch", "Cobalt", "Dune", "Ember", "Fern", "Garnet", "Hazel", "Indigo", "Jade", "Juniper", "Kestrel",
        "Linden", "Maple", "Nova", "Onyx", "Pebble", "Quill", "Rowan", "Saffron", "Tansy", "Umber", "Violet", "Willow",
        "Yarrow", "Zephyr",
    ];

    /// <summary>The main roads across the city, west to east then south to north (<see cref="CityStreets"/>): 33 of them.</summary>
    public static readonly string[] MainRoadNames =
    [
        "Alderwick Road", "Bramblegate Avenue", "Coldharbour Way", "Denholt Road", "Eskerby Lane", "Foxcote Road", "Gildersome Avenue",
        "Hartwell Road", "Inglenook Way", "Jessamy Road", "Kilnworth Avenue", "Loxley Vale Road", "Marchbank Way", "Netherfold Road",
        "Otterbourne Avenue", "Pellingham Road", "Quarrybank Way", "Ravensholt Road", "Sallowfield Avenue", "Tallowmere Road",
        "Upperthorne Way", "Verity Road", "Wexcombe Avenue", "Yewbarrow Road", "Ashgrove Way", "Blackthorne Road", "Cressbrook Avenue",
        "Dunstable Vale Road", "Elderflower Way", "Fernhollow Road", "Greystone Avenue", "Heathercombe Road", "Ironwick Way",
    ];

    /// <summary>How side streets' names end; each ward names its side streets from <see cref="GivenWords"/> and these.</summary>
    public static readonly string[] SideStreetEndings = ["Street", "Close", "Grove", "Terrace", "Walk", "Row", "Mews", "Place"];

    public static readonly (string Make, string Model)[] Vehicles =
    [
        ("Toyota", "Prius"), ("Skoda", "Octavia"), ("Ford", "Mondeo"), ("Vauxhall", "Astra"), ("Volkswagen", "Passat"),
        ("Kia", "Niro"), ("Hyundai", "Ioniq"), ("BMW", "3 Series"), ("Mercedes-Benz", "E-Class"), ("Nissan", "Qashqai"),
    ];

    public static readonly string[] Colours = ["silver", "black", "white", "grey", "blue", "red"];

    /// <summary>Postcode letters of the inward code (the letters Royal Mail uses there).</summary>
    public const string PostcodeLetters = "ABDEFGHJLNPQRSTUWXYZ";

    /// <summary>A registration mark no real vehicle carries: SYN and five base-36 digits of the vehicle's number.</summary>
    public static string RegistrationMark(int index)
    {
        const string digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        Span<char> code = stackalloc char[5];
        for (var i = 4; i >= 0; i--)
        {
            code[i] = digits[index % 36];
            index /= 36;
        }

        return $"SYN{code}";
    }
}
