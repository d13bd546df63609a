"""A labelled multi-agency wire, written for wiredesk: which items report one event, and which item updates which.

Forty-odd events, three to eight items each, in Dutch, English, German and French, from ANP (two feeds), Reuters,
AP, AFP, dpa and regional sites: exact copies in two feeds, shortened regional copies under another headline,
independent write-ups, version chains (UPDATE 1-, REFILE-, CORRECTED-, Correction:, (update), (bijgewerkt),
(Neu: ...), Berichtigung:, a full story after an urgent one-liner), and the hard negatives: two events in one city
on one day, a recurring topic on different days, one person in unrelated stories, titles that only look like
versions. Events marked held out are scored apart (`bench/stories.py`); rules are never tuned on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.helpers.feeds import Entry, rss
from tui.core import dateline
from tui.core.items import Item

T0 = 1_772_427_600.0  # 2026-03-02 05:00 UTC; `minute` counts from here
DAY = 1440

ANP_BI, ANP_BU, ANP_SP = "ANP Binnenland", "ANP Buitenland", "ANP Sport"
RTR, RTRB, AP, AFP, DPA = "Reuters World", "Reuters Business", "AP Top News", "AFP Monde", "dpa Nachrichten"
GLD, RIJ, AT5, OOST, ZLD = "Omroep Gelderland", "Rijnmond", "AT5", "RTV Oost", "Omroep Zeeland"
BRIEF = "Morning Briefing"


@dataclass(frozen=True, slots=True)
class Wire:
    """One labelled item: its event, and the key of the item it supersedes (same agency), if any."""

    key: str
    event: str
    feed: str
    minute: int
    title: str
    lead: str
    supersedes: str | None = None
    held_out: bool = False

    def item(self) -> Item:
        found = dateline.find(self.lead, self.title)
        return Item(
            id=self.key, feed=self.feed, feed_url=f"https://wire.test/{self.feed.replace(' ', '-').lower()}",
            title=self.title, link=f"https://wire.test/{self.key}", published=T0 + 60 * self.minute,
            summary=self.lead, places=found.places if found else (), agencies=found.agencies if found else (),
        )


Row = tuple[str, str, int, str, str] | tuple[str, str, int, str, str, str]

# (event, held out, rows); a row is (key, feed, minute, title, lead[, key it supersedes])
_EVENTS: list[tuple[str, bool, list[Row]]] = [
    ("quake-turkey", False, [
        ("quake-rtr", RTR, 60, "Magnitude 6.1 earthquake strikes eastern Turkey, 12 killed",
         ("MALATYA, Turkey (Reuters) - An earthquake of magnitude 6.1 shook Malatya province before dawn on Monday, "
         "killing at least 12 people and bringing down several apartment blocks, Turkey's disaster agency AFAD said.")),
        ("quake-anp", ANP_BU, 72, "Twaalf doden door aardbeving in oosten Turkije",
         ("MALATYA (ANP) - Bij een aardbeving met een kracht van 6,1 in de Turkse provincie Malatya zijn zeker twaalf "
         "mensen omgekomen. Volgens de rampendienst AFAD stortten meerdere flatgebouwen in.")),
        ("quake-dpa", DPA, 75, "Erdbeben der Stärke 6,1 erschüttert Osttürkei",
         ("MALATYA (dpa) - Ein Erdbeben der Stärke 6,1 hat die osttürkische Provinz Malatya erschüttert. Mindestens "
         "zwölf Menschen kamen ums Leben, teilte die Katastrophenschutzbehörde AFAD mit.")),
        ("quake-afp", AFP, 80, "Turquie: un séisme de magnitude 6,1 fait au moins 12 morts",
         ("MALATYA (AFP) - Un séisme de magnitude 6,1 a frappé lundi la province de Malatya, dans l'est de la "
         "Turquie, faisant au moins 12 morts selon l'AFAD, l'agence turque de gestion des catastrophes.")),
        ("quake-rtr-u1", RTR, 150, "UPDATE 1-Turkey quake death toll rises to 19 as rescuers search rubble",
         ("MALATYA, Turkey (Reuters) - The death toll from Monday's 6.1 magnitude earthquake in Malatya rose to 19, "
         "AFAD said, as rescue teams dug through collapsed buildings in freezing weather."), "quake-rtr"),
        ("quake-dpa-neu", DPA, 170, "Erdbeben in der Türkei: Zahl der Toten steigt auf 19 (Neu: Opferzahl)",
         ("MALATYA (dpa) - Nach dem Erdbeben der Stärke 6,1 in Malatya ist die Zahl der Toten auf 19 gestiegen. "
         "Rettungskräfte suchen weiter nach Verschütteten, so die Behörde AFAD."), "quake-dpa"),
    ]),
    ("drone-kyiv-day1", False, [
        ("drone1-anp", ANP_BU, 30, "Drie doden bij nachtelijke droneaanval op Kyiv",
         ("KYIV (ANP) - Bij een Russische droneaanval op Kyiv zijn in de nacht van zondag op maandag drie mensen "
         "omgekomen. Een elektriciteitscentrale in het district Darnytsja werd geraakt, meldt burgemeester Klitsjko.")),
        ("drone1-rtr", RTR, 40, "Russian drones kill three in Kyiv, hit power plant",
         ("KYIV (Reuters) - Russian drones killed three people in Kyiv overnight and struck a power plant in the "
         "Darnytsia district, Mayor Vitali Klitschko said on Monday.")),
        ("drone1-dpa", DPA, 45, "Drei Tote bei russischem Drohnenangriff auf Kiew",
         ("KIEW (dpa) - Bei einem russischen Drohnenangriff auf Kiew sind in der Nacht drei Menschen getötet worden. "
         "Im Bezirk Darnyzja wurde ein Kraftwerk getroffen, sagte Bürgermeister Klitschko.")),
        ("drone1-afp", AFP, 50, "Ukraine: trois morts dans une attaque de drones russes sur Kiev",
         ("KIEV (AFP) - Trois personnes ont été tuées dans la nuit par une attaque de drones russes sur Kiev, qui a "
         "touché une centrale électrique du quartier de Darnytsia, selon le maire Vitali Klitschko.")),
    ]),
    ("drone-kyiv-day2", False, [
        ("drone2-anp", ANP_BU, DAY + 35, "Vijf gewonden bij nieuwe droneaanval op Kyiv",
         ("KYIV (ANP) - Bij een nieuwe Russische droneaanval op Kyiv zijn vijf mensen gewond geraakt. Een "
         "woontoren in de wijk Obolon vloog in brand, aldus burgemeester Klitsjko.")),
        ("drone2-rtr", RTR, DAY + 42, "Drone strike sets Kyiv apartment tower ablaze, five hurt",
         ("KYIV (Reuters) - A Russian drone hit an apartment tower in Kyiv's Obolon district overnight, setting it "
         "on fire and injuring five people, Mayor Vitali Klitschko said on Tuesday.")),
        ("drone2-dpa", DPA, DAY + 50, "Erneut Drohnenangriff auf Kiew - fünf Verletzte",
         ("KIEW (dpa) - Russland hat Kiew erneut mit Drohnen angegriffen. Im Stadtteil Obolon geriet ein Wohnhochhaus "
         "in Brand, fünf Menschen wurden verletzt, teilte Bürgermeister Klitschko mit.")),
    ]),
    ("amsterdam-fire", False, [
        ("amsfire-anp", ANP_BI, 200, "Twee gewonden bij brand in grachtenpand Keizersgracht",
         ("AMSTERDAM (ANP) - Bij een brand in een grachtenpand aan de Keizersgracht in Amsterdam zijn maandagochtend "
         "twee bewoners gewond geraakt. De brandweer schaalde op naar grote brand en redde een vrouw van het dak.")),
        ("amsfire-anp2", ANP_BU, 201, "Twee gewonden bij brand in grachtenpand Keizersgracht",
         ("AMSTERDAM (ANP) - Bij een brand in een grachtenpand aan de Keizersgracht in Amsterdam zijn maandagochtend "
         "twee bewoners gewond geraakt. De brandweer schaalde op naar grote brand en redde een vrouw van het dak.")),
        ("amsfire-at5", AT5, 215, "Vrouw van dak gered bij grote brand aan de gracht",
         ("AMSTERDAM - Bij een brand in een grachtenpand aan de Keizersgracht in Amsterdam zijn maandagochtend twee "
         "bewoners gewond geraakt.")),
    ]),
    ("amsterdam-tax", False, [
        ("amstax-anp", ANP_BI, 420, "Amsterdam verhoogt toeristenbelasting naar 14 procent",
         ("AMSTERDAM (ANP) - De gemeenteraad van Amsterdam heeft ingestemd met een verhoging van de "
         "toeristenbelasting naar 14 procent van de kamerprijs. Burgemeester Halsema wil zo het aantal "
         "overnachtingen beperken.")),
        ("amstax-at5", AT5, 430, "Raad stemt in: hotelgast betaalt straks 14 procent",
         ("AMSTERDAM - De gemeenteraad van Amsterdam heeft ingestemd met een verhoging van de toeristenbelasting naar "
         "14 procent van de kamerprijs.")),
        ("amstax-rtr", RTRB, 470, "Amsterdam raises tourist tax to 14% to curb overnight stays",
         ("AMSTERDAM (Reuters) - Amsterdam's city council voted on Monday to raise the tourist tax to 14% of the room "
         "price, the highest rate in Europe, as Mayor Femke Halsema seeks to cut the number of overnight stays.")),
    ]),
    ("macron-pensions", False, [
        ("macpen-afp", AFP, 780, "Retraites: Macron défend sa réforme à la télévision",
         ("PARIS (AFP) - Emmanuel Macron a défendu lundi soir sur TF1 le relèvement de l'âge de départ à la retraite "
         "à 64 ans, malgré une nouvelle journée de grève prévue jeudi par les syndicats.")),
        ("macpen-anp", ANP_BU, 800, "Macron verdedigt op tv verhoging pensioenleeftijd naar 64",
         ("PARIJS (ANP) - De Franse president Emmanuel Macron heeft in een interview op TF1 de verhoging van de "
         "pensioenleeftijd naar 64 jaar verdedigd. De vakbonden kondigden voor donderdag een nieuwe staking aan.")),
        ("macpen-rtr", RTR, 805, "Macron stands by pension age of 64 in TV interview",
         ("PARIS (Reuters) - French President Emmanuel Macron told TF1 on Monday he would not back down on raising "
         "the pension age to 64, as unions called another national strike for Thursday.")),
    ]),
    ("macron-berlin", False, [
        ("macber-dpa", DPA, 300, "Macron und Merz wollen gemeinsame Luftabwehr",
         ("BERLIN (dpa) - Bundeskanzler Friedrich Merz und Frankreichs Präsident Emmanuel Macron haben sich in Berlin "
         "auf ein gemeinsames Programm zur Luftabwehr verständigt. Beide Länder wollen dafür 8 Milliarden Euro "
         "bereitstellen.")),
        ("macber-afp", AFP, 310, "Macron à Berlin: accord avec Merz sur la défense aérienne",
         ("BERLIN (AFP) - Emmanuel Macron et le chancelier Friedrich Merz ont annoncé lundi à Berlin un programme "
         "commun de défense aérienne doté de 8 milliards d'euros.")),
        ("macber-anp", ANP_BU, 330, "Frankrijk en Duitsland trekken 8 miljard uit voor luchtverdediging",
         ("BERLIJN (ANP) - Frankrijk en Duitsland gaan samen 8 miljard euro investeren in luchtverdediging. Dat "
         "maakten president Macron en bondskanselier Merz bekend in Berlijn.")),
    ]),
    ("ecb-cut", False, [
        ("ecb-rtr", RTRB, 435, "ECB cuts deposit rate to 2.0% as inflation cools",
         ("FRANKFURT (Reuters) - The European Central Bank cut its deposit rate by 25 basis points to 2.0% on "
         "Monday, saying inflation in the euro zone was now close to its target, President Christine Lagarde said.")),
        ("ecb-dpa", DPA, 440, "EZB senkt Leitzins auf 2,0 Prozent",
         ("FRANKFURT (dpa) - Die Europäische Zentralbank senkt den Einlagenzins um 0,25 Prozentpunkte auf 2,0 "
         "Prozent. Die Inflation im Euroraum liege nahe am Ziel, sagte EZB-Präsidentin Christine Lagarde.")),
        ("ecb-anp", ANP_BU, 442, "ECB verlaagt rente naar 2 procent",
         ("FRANKFURT (ANP) - De Europese Centrale Bank (ECB) verlaagt de depositorente met 0,25 procentpunt naar 2,0 "
         "procent. Volgens president Christine Lagarde is de inflatie in de eurozone bijna op het doel.")),
        ("ecb-afp", AFP, 446, "La BCE abaisse son taux de dépôt à 2%",
         ("FRANCFORT (AFP) - La Banque centrale européenne a abaissé lundi son taux de dépôt de 0,25 point à 2,0%, "
         "l'inflation dans la zone euro étant proche de l'objectif, a indiqué Christine Lagarde.")),
        ("ecb-rtr-u1", RTRB, 500, "UPDATE 1-ECB cuts rates to 2%, Lagarde signals pause",
         ("FRANKFURT (Reuters) - The European Central Bank cut its deposit rate to 2.0% on Monday and President "
         "Christine Lagarde signalled a pause, saying euro zone inflation was close to target."), "ecb-rtr"),
    ]),
    ("frankfurt-strike", False, [
        ("frastr-dpa", DPA, 180, "Verdi-Warnstreik legt Frankfurter Flughafen lahm",
         ("FRANKFURT (dpa) - Ein Warnstreik der Gewerkschaft Verdi hat den Frankfurter Flughafen weitgehend "
         "lahmgelegt. "
         "Rund 400 Flüge wurden gestrichen, Fraport rät Passagieren, nicht anzureisen.")),
        ("frastr-rtr", RTR, 200, "Strike grounds 400 flights at Frankfurt airport",
         ("FRANKFURT (Reuters) - A walkout by the Verdi union forced Frankfurt airport to cancel about 400 flights on "
         "Monday, operator Fraport said, advising passengers to stay away.")),
        ("frastr-anp", ANP_BU, 215, "Staking legt luchthaven Frankfurt plat, ook vluchten naar Schiphol geschrapt",
         ("FRANKFURT (ANP) - Door een staking van vakbond Verdi zijn op de luchthaven van Frankfurt zo'n 400 vluchten "
         "geschrapt, ook van en naar Schiphol. Exploitant Fraport raadt reizigers af naar het vliegveld te komen.")),
    ]),
    ("storm-coast", False, [
        ("storm-anp", ANP_BI, 600, "Dode door storm in Zeeland, KNMI geeft code oranje",
         ("VLISSINGEN (ANP) - In Zeeland is een man om het leven gekomen doordat een boom op zijn auto viel. Het KNMI "
         "heeft code oranje afgegeven voor de kustprovincies vanwege windstoten tot 110 kilometer per uur.")),
        ("storm-zld", ZLD, 615, "Automobilist bij Vlissingen overleden door omgewaaide boom",
         ("VLISSINGEN - In Zeeland is een man om het leven gekomen doordat een boom op zijn auto viel. Het KNMI heeft "
         "code oranje afgegeven.")),
        ("storm-rtr", RTR, 650, "Storm kills one in Netherlands as gusts reach 110 km/h",
         ("AMSTERDAM (Reuters) - A man was killed in the southwestern Dutch province of Zeeland when a tree fell on "
         "his car, as gusts of up to 110 km/h hit the coast and weather agency KNMI issued a code orange warning.")),
        ("storm-dpa", DPA, 660, "Sturm an der niederländischen Küste: ein Toter in Zeeland",
         ("VLISSINGEN (dpa) - Ein Sturm mit Böen bis 110 Kilometern pro Stunde hat an der niederländischen Küste "
         "einen Menschen getötet. In Zeeland fiel ein Baum auf ein Auto, der Wetterdienst KNMI rief Code Orange aus.")),
    ]),
    ("rotterdam-cocaine", False, [
        ("coke-anp", ANP_BI, 250, "Douane onderschept 3000 kilo cocaïne in Rotterdamse haven",
         ("ROTTERDAM (ANP) - De douane heeft in de haven van Rotterdam ruim 3000 kilo cocaïne onderschept in een "
         "container met bananen uit Ecuador. Het is een van de grootste vangsten van dit jaar, meldt het OM.")),
        ("coke-anp2", ANP_BU, 251, "Douane onderschept 3000 kilo cocaïne in Rotterdamse haven",
         ("ROTTERDAM (ANP) - De douane heeft in de haven van Rotterdam ruim 3000 kilo cocaïne onderschept in een "
         "container met bananen uit Ecuador. Het is een van de grootste vangsten van dit jaar, meldt het OM.")),
        ("coke-rij", RIJ, 262, "Drugsvangst van het jaar: cocaïne tussen de bananen",
         ("ROTTERDAM - De douane heeft in de haven van Rotterdam ruim 3000 kilo cocaïne onderschept in een container "
         "met bananen uit Ecuador.")),
        ("coke-rtr", RTR, 300, "Dutch customs seize 3 tonnes of cocaine in Rotterdam banana shipment",
         ("ROTTERDAM (Reuters) - Dutch customs found more than 3,000 kilograms of cocaine hidden in a container of "
         "bananas from Ecuador in the port of Rotterdam, prosecutors said on Monday.")),
        ("coke-afp", AFP, 320, "Pays-Bas: plus de 3 tonnes de cocaïne saisies à Rotterdam",
         ("ROTTERDAM (AFP) - Les douanes néerlandaises ont saisi plus de 3.000 kilos de cocaïne dissimulés dans un "
         "conteneur de bananes en provenance d'Équateur, dans le port de Rotterdam.")),
    ]),
    ("rotterdam-shipfire", False, [
        ("ship-anp", ANP_BI, 520, "Brand op containerschip op Maasvlakte onder controle",
         ("ROTTERDAM (ANP) - De brand op een containerschip aan de Maasvlakte is na zes uur onder controle. Volgens "
         "de Veiligheidsregio raakte niemand gewond; de bemanning van 22 man werd van boord gehaald.")),
        ("ship-rij", RIJ, 530, "Bemanning van brandend schip gehaald",
         ("ROTTERDAM - De brand op een containerschip aan de Maasvlakte is na zes uur onder controle. Niemand raakte "
         "gewond.")),
        ("ship-rtr", RTR, 560, "Fire on container ship at Rotterdam's Maasvlakte brought under control",
         ("ROTTERDAM (Reuters) - Firefighters brought a blaze on a container ship at Rotterdam's Maasvlakte terminal "
         "under control after six hours, and all 22 crew members were taken off safely, authorities said.")),
    ]),
    ("software-update", False, [
        ("phone-ap", AP, 900, "Software update bricks phones across the US",
         ("NEW YORK (AP) - A faulty software update pushed to a popular line of budget phones left hundreds of "
         "thousands of devices unable to start on Monday, the manufacturer Lumo said, promising a fix within days.")),
        ("phone-rtr", RTRB, 930, "Lumo phones fail to boot after faulty update; company promises fix",
         ("NEW YORK (Reuters) - Phone maker Lumo said on Monday a faulty software update had left hundreds of "
         "thousands of its budget handsets unable to boot and that a fix would follow within days.")),
        ("phone-anp", ANP_BU, 960, "Storing bij telefoons van Lumo na mislukte update",
         ("NEW YORK (ANP) - Honderdduizenden goedkope telefoons van het merk Lumo starten niet meer op na een "
         "mislukte software-update. De fabrikant belooft binnen enkele dagen een oplossing.")),
    ]),
    ("prison-strike", False, [
        ("guards-ap", AP, 700, "Correction officers strike at New York state prisons",
         ("ALBANY, N.Y. (AP) - Correction officers at 30 New York state prisons walked off the job on Monday over "
         "staffing levels, and Governor Kathy Hochul ordered the National Guard to help run the facilities.")),
        ("guards-rtr", RTR, 740, "New York prison guards walk out; Hochul sends in National Guard",
         ("ALBANY, New York (Reuters) - Guards at 30 New York prisons went on strike on Monday to protest staff "
         "shortages, prompting Governor Kathy Hochul to deploy the National Guard.")),
        ("guards-afp", AFP, 790, "Etats-Unis: grève des gardiens de prison dans l'Etat de New York",
         ("ALBANY (AFP) - Les gardiens de 30 prisons de l'Etat de New York se sont mis en grève lundi pour protester "
         "contre le manque de personnel; la gouverneure Kathy Hochul a fait appel à la Garde nationale.")),
    ]),
    ("briefing-day1", False, [
        ("brief1", BRIEF, 0, "Update: your morning briefing",
         ("Good morning. Today: markets wait for the central bank, a cold front moves east, and the best bread in "
         "the country, according to our readers.")),
    ]),
    ("briefing-day2", False, [
        ("brief2", BRIEF, DAY, "Update: your morning briefing",
         ("Good morning. Today: a record for electric car sales, why trains run late in winter, and a crossword that "
         "made our editors argue.")),
    ]),
]
_EVENTS += [
    ("nato-summit", False, [
        ("nato-anp", ANP_BU, DAY + 600, "NAVO-landen akkoord over 5 procent voor defensie",
         ("DEN HAAG (ANP) - De 32 NAVO-landen hebben op de top in Den Haag afgesproken dat zij uiterlijk in 2035 "
         "5 procent van hun bbp aan defensie besteden. Secretaris-generaal Mark Rutte sprak van een historisch "
         "besluit.")),
        ("nato-rtr", RTR, DAY + 610, "NATO allies agree 5% defence spending goal at Hague summit",
         ("THE HAGUE (Reuters) - NATO's 32 members agreed at their summit in The Hague to raise defence spending to "
         "5% of GDP by 2035, Secretary-General Mark Rutte said, calling it a historic decision.")),
        ("nato-dpa", DPA, DAY + 615, "Nato einigt sich auf Fünf-Prozent-Ziel",
         ("DEN HAAG (dpa) - Die 32 Nato-Staaten haben sich beim Gipfel in Den Haag auf das Ziel geeinigt, bis 2035 "
         "5 Prozent ihrer Wirtschaftsleistung für Verteidigung auszugeben, sagte Generalsekretär Mark Rutte.")),
        ("nato-afp", AFP, DAY + 625, "L'Otan s'accorde sur un objectif de 5% du PIB pour la défense",
         ("LA HAYE (AFP) - Les 32 membres de l'Otan se sont accordés au sommet de La Haye pour porter leurs dépenses "
         "de défense à 5% du PIB d'ici 2035, a annoncé le secrétaire général Mark Rutte.")),
        ("nato-factbox", RTR, DAY + 640, "FACTBOX-How much NATO members spend on defence",
         ("THE HAGUE (Reuters) - NATO members agreed on Tuesday to spend 5% of GDP on defence by 2035. Here is what "
         "the 32 allies spend now, from Poland at the top to Spain at the bottom.")),
        ("nato-live", ANP_BI, DAY + 590, "LIVE: NAVO-top in Den Haag",
         ("DEN HAAG (ANP) - Volg hier de NAVO-top in Den Haag, waar de 32 lidstaten praten over 5 procent van het "
         "bbp voor defensie. Secretaris-generaal Rutte leidt de top.")),
    ]),
    ("hague-icc", False, [
        ("icc-anp", ANP_BI, DAY + 480, "Strafhof veroordeelt Congolese krijgsheer tot 20 jaar cel",
         ("DEN HAAG (ANP) - Het Internationaal Strafhof heeft de Congolese militieleider Bosco Ntaganda-Mbuyi "
         "veroordeeld tot 20 jaar cel voor oorlogsmisdaden in de provincie Ituri.")),
        ("icc-rtr", RTR, DAY + 500, "ICC sentences Congolese militia leader to 20 years",
         ("THE HAGUE (Reuters) - The International Criminal Court sentenced Congolese militia commander Bosco "
         "Ntaganda-Mbuyi to 20 years in prison for war crimes committed in Ituri province.")),
        ("icc-afp", AFP, DAY + 520, "La CPI condamne un chef de milice congolais à 20 ans de prison",
         ("LA HAYE (AFP) - La Cour pénale internationale a condamné mardi le chef de milice congolais Bosco "
         "Ntaganda-Mbuyi à 20 ans de prison pour des crimes de guerre commis en Ituri.")),
    ]),
    ("moscow-metro", False, [
        ("metro-rtr", RTR, 360, "Blast at Moscow metro station injures four",
         ("MOSCOW (Reuters) - An explosion at the Kurskaya metro station in central Moscow injured four people on "
         "Monday, the city's emergency services said, adding that the cause was being investigated.")),
        ("metro-anp", ANP_BU, 380, "Vier gewonden bij explosie in metrostation Moskou",
         ("MOSKOU (ANP) - Bij een explosie in metrostation Koerskaja in het centrum van Moskou zijn vier mensen "
         "gewond geraakt. De oorzaak wordt onderzocht, meldden de hulpdiensten.")),
        ("metro-dpa", DPA, 385, "Explosion in Moskauer Metro - vier Verletzte",
         ("MOSKAU (dpa) - Bei einer Explosion in der Metrostation Kurskaja im Zentrum von Moskau sind vier Menschen "
         "verletzt worden. Die Ursache sei noch unklar, hieß es.")),
        ("metro-afp", AFP, 395, "Russie: explosion dans une station du métro de Moscou, quatre blessés",
         ("MOSCOU (AFP) - Une explosion dans la station de métro Kourskaïa, dans le centre de Moscou, a fait quatre "
         "blessés lundi, selon les services de secours, qui enquêtent sur la cause.")),
    ]),
    ("moscow-court", False, [
        ("court-rtr", RTR, 540, "Moscow court jails journalist for six years over army posts",
         ("MOSCOW (Reuters) - A Moscow court sentenced journalist Alla Gerasimova to six years in prison on Monday "
         "for social media posts criticising the army, her lawyer said.")),
        ("court-afp", AFP, 555, "Russie: une journaliste condamnée à six ans de prison",
         ("MOSCOU (AFP) - Un tribunal de Moscou a condamné lundi la journaliste Alla Guerassimova à six ans de prison "
         "pour des publications critiquant l'armée, a indiqué son avocat.")),
        ("court-dpa", DPA, 570, "Sechs Jahre Haft für russische Journalistin",
         ("MOSKAU (dpa) - Ein Moskauer Gericht hat die Journalistin Alla Gerassimowa zu sechs Jahren Haft verurteilt. "
         "Ihr wird vorgeworfen, in sozialen Medien die Armee kritisiert zu haben.")),
    ]),
    ("tesla-jobs", False, [
        ("tesla-dpa", DPA, 240, "Tesla streicht 500 Stellen in Grünheide",
         ("GRÜNHEIDE (dpa) - Der Elektroautobauer Tesla baut in seinem Werk in Grünheide bei Berlin 500 Stellen ab. "
         "Konzernchef Elon Musk hatte eine schwächere Nachfrage in Europa beklagt.")),
        ("tesla-rtr", RTRB, 260, "Tesla to cut 500 jobs at German Gruenheide plant",
         ("BERLIN (Reuters) - Tesla will cut 500 jobs at its Gruenheide factory near Berlin, the company said on "
         "Monday, after Chief Executive Elon Musk warned of weaker demand in Europe.")),
        ("tesla-anp", ANP_BU, 275, "Tesla schrapt 500 banen in Duitse fabriek",
         ("BERLIJN (ANP) - Tesla schrapt 500 banen in de fabriek in Grünheide bij Berlijn. Topman Elon Musk "
         "waarschuwde eerder voor een zwakkere vraag in Europa.")),
    ]),
    ("starship-launch", False, [
        ("ship-ap", AP, 840, "SpaceX launches Starship on ninth test flight",
         ("BOCA CHICA, Texas (AP) - SpaceX launched its Starship rocket on its ninth test flight on Monday evening, "
         "and Elon Musk said the booster was caught by the launch tower for a second time.")),
        ("starship-rtr", RTR, 850, "SpaceX Starship flies again, booster caught by tower",
         ("BOCA CHICA, Texas (Reuters) - SpaceX's Starship lifted off on its ninth test flight, and the Super Heavy "
         "booster returned to be caught by the launch tower arms, Elon Musk wrote on X.")),
        ("starship-afp", AFP, 870, "Neuvième vol d'essai pour la fusée Starship de SpaceX",
         ("BOCA CHICA (AFP) - La fusée Starship de SpaceX a effectué lundi son neuvième vol d'essai, et le "
         "propulseur Super Heavy a été rattrapé par la tour de lancement, s'est félicité Elon Musk.")),
    ]),
    ("feyenoord-bayern", False, [
        ("cl-anp", ANP_SP, 1200, "Feyenoord verrast Bayern München met 2-1",
         ("ROTTERDAM (ANP) - Feyenoord heeft in de Champions League met 2-1 gewonnen van Bayern München. Santiago "
         "Giménez maakte in de 88e minuut het winnende doelpunt in een uitverkochte Kuip.")),
        ("cl-dpa", DPA, 1205, "Bayern verliert 1:2 in Rotterdam",
         ("ROTTERDAM (dpa) - Der FC Bayern München hat in der Champions League bei Feyenoord Rotterdam 1:2 verloren. "
         "Santiago Giménez traf in der 88. Minute zum Sieg für die Niederländer.")),
        ("cl-rtr", RTR, 1215, "Gimenez late winner gives Feyenoord 2-1 win over Bayern",
         ("ROTTERDAM (Reuters) - Santiago Gimenez scored in the 88th minute to give Feyenoord a 2-1 Champions League "
         "win over Bayern Munich at De Kuip on Monday.")),
        ("cl-rij", RIJ, 1220, "Kuip ontploft na late goal Giménez",
         ("ROTTERDAM - Feyenoord heeft in de Champions League met 2-1 gewonnen van Bayern München. Santiago Giménez "
         "maakte in de 88e minuut het winnende doelpunt.")),
    ]),
    ("feyenoord-coach", False, [
        ("coach-anp", ANP_SP, 2 * DAY + 300, "Feyenoord verlengt contract trainer Van Persie tot 2028",
         ("ROTTERDAM (ANP) - Feyenoord heeft het contract van trainer Robin van Persie verlengd tot medio 2028. De "
         "club maakte dat woensdag bekend, twee dagen na de zege op Bayern München.")),
        ("coach-rij", RIJ, 2 * DAY + 320, "Van Persie blijft tot 2028 in De Kuip",
         "ROTTERDAM - Feyenoord heeft het contract van trainer Robin van Persie verlengd tot medio 2028."),
        ("coach-dpa", DPA, 2 * DAY + 400, "Feyenoord verlängert mit Trainer van Persie",
         ("ROTTERDAM (dpa) - Feyenoord Rotterdam hat den Vertrag mit Trainer Robin van Persie bis 2028 verlängert, "
         "zwei Tage nach dem Sieg gegen den FC Bayern.")),
    ]),
    ("valencia-floods", False, [
        ("flood-afp-urg", AFP, 100, "URGENT - Espagne: au moins 8 morts dans des inondations près de Valence",
         "VALENCE (AFP) - Au moins huit personnes sont mortes dans des inondations près de Valence."),
        ("flood-afp", AFP, 130, "Espagne: au moins 8 morts dans des inondations près de Valence",
         ("VALENCE (AFP) - Au moins huit personnes sont mortes après des pluies torrentielles qui ont provoqué des "
         "crues soudaines dans la région de Valence, dans l'est de l'Espagne, selon les secours régionaux."),
         "flood-afp-urg"),
        ("flood-rtr", RTR, 140, "Flash floods kill eight near Spain's Valencia",
         ("VALENCIA, Spain (Reuters) - Torrential rain caused flash floods that killed at least eight people in the "
         "region around Valencia in eastern Spain, regional emergency services said.")),
        ("flood-dpa", DPA, 150, "Mindestens acht Tote bei Unwetter in Spanien",
         ("VALENCIA (dpa) - Sturzfluten nach heftigen Regenfällen haben in der Region Valencia im Osten Spaniens "
         "mindestens acht Menschen das Leben gekostet, teilten die Rettungsdienste mit.")),
        ("flood-anp", ANP_BU, 160, "Zeker acht doden door noodweer bij Valencia",
         ("VALENCIA (ANP) - In de Spaanse regio Valencia zijn zeker acht mensen omgekomen door overstromingen na "
         "hevige regenval, melden de regionale hulpdiensten.")),
    ]),
    ("poland-election", False, [
        ("pol-rtr", RTR, 1320, "Nawrocki narrowly wins Polish presidential runoff, exit poll shows",
         ("WARSAW (Reuters) - Conservative historian Karol Nawrocki won Poland's presidential runoff with 50.9% of "
         "the vote, an exit poll showed, narrowly beating Warsaw mayor Rafal Trzaskowski.")),
        ("pol-rtr-u1", RTR, 1380, "UPDATE 1-Poland's Nawrocki wins presidency with 50.9%, exit poll shows",
         ("WARSAW (Reuters) - Karol Nawrocki won Poland's presidential election with 50.9% against 49.1% for Rafal "
         "Trzaskowski, an exit poll showed, a result that may slow the government's reforms."), "pol-rtr"),
        ("pol-rtr-u2", RTR, DAY + 300, "UPDATE 2-Nawrocki confirmed as Poland's president-elect after final count",
         ("WARSAW (Reuters) - Poland's election commission confirmed Karol Nawrocki as president-elect with 50.9% "
         "of the vote after the final count on Tuesday; Rafal Trzaskowski conceded."), "pol-rtr-u1"),
        ("pol-dpa", DPA, 1330, "Nawrocki gewinnt Stichwahl in Polen knapp",
         ("WARSCHAU (dpa) - Der konservative Historiker Karol Nawrocki hat die Präsidentenstichwahl in Polen laut "
         "Nachwahlbefragung mit 50,9 Prozent knapp gegen Rafal Trzaskowski gewonnen.")),
        ("pol-anp", ANP_BU, 1340, "Nawrocki wint Poolse presidentsverkiezing nipt",
         ("WARSCHAU (ANP) - De conservatieve historicus Karol Nawrocki heeft volgens een exitpoll de tweede ronde van "
         "de Poolse presidentsverkiezing gewonnen met 50,9 procent. Rafal Trzaskowski kreeg 49,1 procent.")),
        ("pol-afp", AFP, 1350, "Pologne: Nawrocki remporte la présidentielle de justesse",
         ("VARSOVIE (AFP) - Le conservateur Karol Nawrocki a remporté le second tour de la présidentielle polonaise "
         "avec 50,9% des voix selon un sondage de sortie des urnes, face à Rafal Trzaskowski.")),
    ]),
]
_EVENTS += [
    ("trump-tariffs", False, [
        ("tar-rtr", RTR, 1000, "Trump announces 25% tariff on European cars",
         ("WASHINGTON (Reuters) - President Donald Trump said on Monday the United States would impose a 25% tariff "
         "on cars imported from the European Union from April 2, accusing the bloc of unfair trade.")),
        ("tar-ap", AP, 1010, "Trump slaps 25% tariffs on EU autos starting April 2",
         ("WASHINGTON (AP) - President Donald Trump announced 25% tariffs on automobiles from the European Union, "
         "effective April 2, saying Europe had treated American carmakers unfairly.")),
        ("tar-ap-corr", AP, 1060, "Correction: Trump slaps 25% tariffs on EU autos starting April 2",
         ("WASHINGTON (AP) - President Donald Trump announced 25% tariffs on automobiles from the European Union, "
         "effective April 2. An earlier version misstated the start date of the tariffs."), "tar-ap"),
        ("tar-anp", ANP_BU, 1020, "Trump kondigt importheffing van 25 procent op Europese auto's aan",
         ("WASHINGTON (ANP) - De Amerikaanse president Donald Trump voert per 2 april een importheffing van 25 "
         "procent in op auto's uit de Europese Unie. Hij beschuldigt de EU van oneerlijke handel.")),
        ("tar-dpa", DPA, 1025, "Trump verhängt Zölle von 25 Prozent auf EU-Autos",
         ("WASHINGTON (dpa) - US-Präsident Donald Trump will vom 2. April an Zölle von 25 Prozent auf Autos aus der "
         "Europäischen Union erheben. Die EU-Kommission kündigte Gegenmaßnahmen an.")),
        ("tar-afp", AFP, 1030, "Trump annonce des droits de douane de 25% sur les voitures européennes",
         ("WASHINGTON (AFP) - Donald Trump a annoncé lundi des droits de douane de 25% sur les voitures importées de "
         "l'Union européenne à partir du 2 avril.")),
    ]),
    ("trump-japan", False, [
        ("jp-ap", AP, 900, "Trump hosts Japan's prime minister at White House",
         ("WASHINGTON (AP) - President Donald Trump welcomed Japanese Prime Minister Sanae Takaichi to the White "
         "House on Monday, where the two leaders discussed shipbuilding and Japan's purchases of American gas.")),
        ("jp-rtr", RTR, 920, "Trump, Takaichi discuss shipbuilding and LNG at White House talks",
         ("WASHINGTON (Reuters) - Japanese Prime Minister Sanae Takaichi and President Donald Trump discussed "
         "cooperation on shipbuilding and liquefied natural gas at the White House on Monday.")),
        ("jp-afp", AFP, 940, "Takaichi reçue par Trump à la Maison Blanche",
         ("WASHINGTON (AFP) - La Première ministre japonaise Sanae Takaichi a été reçue lundi à la Maison Blanche par "
         "Donald Trump pour parler de construction navale et de gaz naturel liquéfié.")),
    ]),
    ("train-zwolle", False, [
        ("train-spoed", ANP_BI, 400, "SPOED: Trein ontspoord bij Zwolle",
         "ZWOLLE (ANP) - Bij Zwolle is een trein ontspoord."),
        ("train-anp", ANP_BI, 412, "Vijftien gewonden bij ontsporing trein bij Zwolle",
         ("ZWOLLE (ANP) - Bij de ontsporing van een intercity bij Zwolle zijn vijftien mensen gewond geraakt. De "
         "trein van Amersfoort naar Groningen liep kort na het station uit de rails, meldt ProRail."), "train-spoed"),
        ("train-anp-upd", ANP_BI, 470, "Vijftien gewonden bij ontsporing trein bij Zwolle (bijgewerkt)",
         ("ZWOLLE (ANP) - Bij de ontsporing van een intercity bij Zwolle zijn vijftien mensen gewond geraakt, van wie "
         "twee ernstig. ProRail verwacht dat het treinverkeer tussen Zwolle en Meppel tot dinsdag plat ligt."),
         "train-anp"),
        ("train-oost", OOST, 425, "Intercity uit de rails: hulpdiensten massaal naar Zwolle",
         "ZWOLLE - Bij de ontsporing van een intercity bij Zwolle zijn vijftien mensen gewond geraakt."),
        ("train-rtr", RTR, 480, "Dutch train derails near Zwolle, 15 injured",
         ("AMSTERDAM (Reuters) - An intercity train derailed shortly after leaving the station in the Dutch city of "
         "Zwolle on Monday, injuring 15 people, two of them seriously, rail operator ProRail said.")),
    ]),
    ("bird-flu", False, [
        ("flu-anp", ANP_BI, 280, "Vogelgriep op pluimveebedrijf in Barneveld, 40.000 kippen geruimd",
         ("BARNEVELD (ANP) - Op een pluimveebedrijf in Barneveld is vogelgriep vastgesteld. Alle 40.000 kippen "
         "worden geruimd, meldt het ministerie van Landbouw. In een straal van 10 kilometer geldt een "
         "vervoersverbod.")),
        ("flu-anp2", ANP_BU, 281, "Vogelgriep op pluimveebedrijf in Barneveld, 40.000 kippen geruimd",
         ("BARNEVELD (ANP) - Op een pluimveebedrijf in Barneveld is vogelgriep vastgesteld. Alle 40.000 kippen "
         "worden geruimd, meldt het ministerie van Landbouw. In een straal van 10 kilometer geldt een "
         "vervoersverbod.")),
        ("flu-gld", GLD, 290, "Opnieuw raak in de Gelderse Vallei: kippen geruimd",
         ("BARNEVELD - Op een pluimveebedrijf in Barneveld is vogelgriep vastgesteld. Alle 40.000 kippen worden "
         "geruimd.")),
    ]),
    ("belgium-strike", False, [
        ("bel-anp", ANP_BU, 120, "Nationale staking legt België plat",
         ("BRUSSEL (ANP) - Een nationale staking tegen de pensioenplannen van de regering-De Wever legt maandag "
         "groot deel van België stil. Er rijden nauwelijks treinen en de luchthaven van Zaventem schrapte alle "
         "vertrekkende vluchten.")),
        ("bel-afp", AFP, 125, "Belgique: grève nationale contre la réforme des retraites",
         ("BRUXELLES (AFP) - Une grève nationale contre la réforme des retraites du gouvernement De Wever paralyse "
         "la Belgique lundi: peu de trains circulent et l'aéroport de Zaventem a annulé tous ses départs.")),
        ("bel-rtr", RTR, 140, "National strike halts trains, flights in Belgium",
         ("BRUSSELS (Reuters) - A national strike against Prime Minister Bart De Wever's pension reform halted most "
         "trains in Belgium on Monday and Brussels Airport at Zaventem cancelled all departures.")),
        ("bel-dpa", DPA, 150, "Generalstreik in Belgien: Kaum Züge, keine Abflüge",
         ("BRÜSSEL (dpa) - Ein Generalstreik gegen die Rentenreform der Regierung De Wever hat Belgien weitgehend "
         "lahmgelegt. Am Flughafen Zaventem wurden alle Abflüge gestrichen.")),
    ]),
    ("eu-migration", False, [
        ("mig-rtr", RTR, DAY + 1000, "EU leaders back tougher deportation rules at Brussels summit",
         ("BRUSSELS (Reuters) - European Union leaders meeting in Brussels on Tuesday backed plans for faster "
         "deportations of rejected asylum seekers and return hubs outside the bloc, Commission President Ursula "
         "von der Leyen said.")),
        ("mig-anp", ANP_BU, DAY + 1010, "EU-leiders steunen strengere terugkeerregels",
         ("BRUSSEL (ANP) - De regeringsleiders van de EU steunen op hun top in Brussel snellere uitzetting van "
         "afgewezen asielzoekers en terugkeercentra buiten de Unie, zei Commissievoorzitter Ursula von der Leyen.")),
        ("mig-afp", AFP, DAY + 1020, "Migration: les Vingt-Sept favorables à des expulsions plus rapides",
         ("BRUXELLES (AFP) - Les dirigeants de l'UE réunis à Bruxelles ont soutenu mardi des expulsions plus rapides "
         "des demandeurs d'asile déboutés, a déclaré Ursula von der Leyen.")),
    ]),
    ("dutch-cabinet", False, [
        ("cab-anp", ANP_BI, 2 * DAY + 600, "Kabinet gevallen na vertrek PVV",
         ("DEN HAAG (ANP) - Het kabinet is gevallen. De PVV van Geert Wilders stapt uit de coalitie na een conflict "
         "over het asielbeleid, meldt premier Dick Schoof na een spoedoverleg in het Catshuis.")),
        ("cab-anp-upd", ANP_BI, 2 * DAY + 660, "Kabinet gevallen na vertrek PVV (bijgewerkt)",
         ("DEN HAAG (ANP) - Het kabinet is gevallen nadat de PVV van Geert Wilders uit de coalitie stapte. Premier "
         "Dick Schoof biedt woensdagavond het ontslag van zijn ministers aan bij de koning."), "cab-anp"),
        ("cab-rtr", RTR, 2 * DAY + 630, "Dutch government collapses as Wilders pulls out",
         ("THE HAGUE (Reuters) - The Dutch government collapsed on Wednesday after Geert Wilders' PVV quit the "
         "coalition in a dispute over asylum policy, Prime Minister Dick Schoof said.")),
        ("cab-dpa", DPA, 2 * DAY + 640, "Niederländische Regierung zerbricht am Streit über Asyl",
         ("DEN HAAG (dpa) - Die niederländische Regierung ist zerbrochen. Die PVV von Geert Wilders verlässt die "
         "Koalition im Streit über die Asylpolitik, sagte Ministerpräsident Dick Schoof.")),
        ("cab-afp", AFP, 2 * DAY + 650, "Pays-Bas: le gouvernement tombe après le départ de Wilders",
         ("LA HAYE (AFP) - Le gouvernement néerlandais est tombé mercredi après le retrait du PVV de Geert Wilders "
         "de la coalition, sur fond de désaccord sur l'asile, a annoncé le Premier ministre Dick Schoof.")),
    ]),
]
# Held out: scored apart, never looked at while the rules were set.
_EVENTS += [
    ("greece-wildfire", True, [
        ("fire-rtr", RTR, 720, "Wildfire near Athens forces evacuation of seven villages",
         ("ATHENS (Reuters) - A wildfire fanned by strong winds forced the evacuation of seven villages north of "
         "Athens on Monday, and more than 300 firefighters were battling the flames, the fire service said.")),
        ("fire-anp", ANP_BU, 730, "Zeven dorpen ontruimd om bosbrand bij Athene",
         ("ATHENE (ANP) - Een bosbrand ten noorden van Athene heeft de evacuatie van zeven dorpen noodzakelijk "
         "gemaakt. Ruim 300 brandweerlieden bestrijden het vuur, aldus de brandweer.")),
        ("fire-dpa", DPA, 735, "Waldbrand bei Athen - sieben Dörfer evakuiert",
         ("ATHEN (dpa) - Ein Waldbrand nördlich von Athen hat die Räumung von sieben Dörfern erzwungen. Mehr als 300 "
         "Feuerwehrleute sind im Einsatz.")),
        ("fire-afp", AFP, 745, "Grèce: sept villages évacués à cause d'un incendie près d'Athènes",
         ("ATHENES (AFP) - Sept villages au nord d'Athènes ont été évacués lundi en raison d'un incendie attisé par "
         "des vents violents, plus de 300 pompiers étant mobilisés.")),
        ("fire-rtr-corr", RTR, 790, "CORRECTED-Wildfire near Athens forces evacuation of seven villages",
         ("ATHENS (Reuters) - A wildfire fanned by strong winds forced the evacuation of seven villages north of "
         "Athens on Monday, and more than 300 firefighters were battling the flames. (Corrects name of region)"),
         "fire-rtr"),
    ]),
    ("geneva-sudan", True, [
        ("sudan-rtr", RTR, 620, "UN says 2 million in Sudan's Darfur face famine",
         ("GENEVA (Reuters) - About 2 million people in Sudan's Darfur region face famine as fighting blocks aid "
         "convoys, the World Food Programme said in Geneva on Monday.")),
        ("sudan-afp", AFP, 630, "Soudan: 2 millions de personnes menacées de famine au Darfour, selon le PAM",
         ("GENEVE (AFP) - Quelque 2 millions de personnes sont menacées de famine au Darfour, au Soudan, où les "
         "combats bloquent les convois d'aide, a indiqué lundi le Programme alimentaire mondial à Genève.")),
        ("sudan-dpa", DPA, 640, "UN: Zwei Millionen Menschen in Darfur droht Hungersnot",
         ("GENF (dpa) - Im sudanesischen Darfur droht rund 2 Millionen Menschen eine Hungersnot. Kämpfe verhinderten "
         "Hilfslieferungen, teilte das Welternährungsprogramm in Genf mit.")),
        ("sudan-anp", ANP_BU, 650, "VN: 2 miljoen mensen in Darfur dreigen te verhongeren",
         ("GENÈVE (ANP) - In de Soedanese regio Darfur dreigen zo'n 2 miljoen mensen te verhongeren, meldt het "
         "Wereldvoedselprogramma in Genève. Gevechten houden hulpkonvooien tegen.")),
    ]),
    ("geneva-mpox", True, [
        ("mpox-rtr", RTR, 680, "WHO ends mpox global health emergency",
         ("GENEVA (Reuters) - The World Health Organization said on Monday that mpox no longer constitutes a global "
         "health emergency, Director-General Tedros Adhanom Ghebreyesus told reporters in Geneva.")),
        ("mpox-afp", AFP, 690, "L'OMS lève l'urgence sanitaire mondiale pour le mpox",
         ("GENEVE (AFP) - L'Organisation mondiale de la santé a levé lundi l'urgence de santé publique de portée "
         "internationale pour le mpox, a annoncé son directeur général Tedros Adhanom Ghebreyesus.")),
        ("mpox-anp", ANP_BU, 700, "WHO: mpox geen wereldwijde noodsituatie meer",
         ("GENÈVE (ANP) - Mpox is geen internationale noodsituatie voor de volksgezondheid meer, heeft de "
         "Wereldgezondheidsorganisatie (WHO) bekendgemaakt. Directeur-generaal Tedros sprak van goed nieuws.")),
    ]),
    ("zandvoort-gp", True, [
        ("gp-anp", ANP_SP, DAY + 840, "Verstappen wint Grote Prijs van Nederland in Zandvoort",
         ("ZANDVOORT (ANP) - Max Verstappen heeft de Grote Prijs van Nederland gewonnen. De coureur van Red Bull "
         "bleef Lando Norris met 2,3 seconden voor en won voor de vierde keer op Zandvoort.")),
        ("gp-rtr", RTR, DAY + 845, "Verstappen wins Dutch Grand Prix for fourth time",
         ("ZANDVOORT, Netherlands (Reuters) - Max Verstappen won the Dutch Grand Prix for the fourth time on "
         "Tuesday, finishing 2.3 seconds ahead of McLaren's Lando Norris.")),
        ("gp-rtr-refile", RTR, DAY + 860, "REFILE-Verstappen wins Dutch Grand Prix for fourth time",
         ("ZANDVOORT, Netherlands (Reuters) - Max Verstappen won the Dutch Grand Prix for the fourth time on "
         "Tuesday, finishing 2.3 seconds ahead of McLaren's Lando Norris. (Refiles to fix typo in headline)"),
         "gp-rtr"),
        ("gp-dpa", DPA, DAY + 850, "Verstappen siegt beim Heimrennen in Zandvoort",
         ("ZANDVOORT (dpa) - Max Verstappen hat den Großen Preis der Niederlande gewonnen. Der Red-Bull-Pilot lag "
         "im Ziel 2,3 Sekunden vor Lando Norris.")),
        ("gp-afp", AFP, DAY + 855, "F1: Verstappen remporte le GP des Pays-Bas",
         ("ZANDVOORT (AFP) - Max Verstappen a remporté mardi le Grand Prix des Pays-Bas de Formule 1, avec 2,3 "
         "secondes d'avance sur Lando Norris.")),
    ]),
    ("iceland-eruption", True, [
        ("ice-rtr", RTR, DAY + 120, "Volcano erupts near Iceland's Grindavik, town evacuated",
         ("REYKJAVIK (Reuters) - A volcano erupted on the Reykjanes peninsula near the fishing town of Grindavik "
         "early on Tuesday, and authorities evacuated the town and the Blue Lagoon spa.")),
        ("ice-afp", AFP, DAY + 130, "Islande: nouvelle éruption près de Grindavik",
         ("REYKJAVIK (AFP) - Une éruption volcanique s'est produite mardi sur la péninsule de Reykjanes, près de "
         "Grindavik, dont les habitants ont été évacués, tout comme le Blue Lagoon.")),
        ("ice-dpa", DPA, DAY + 140, "Vulkanausbruch auf Island - Grindavik geräumt",
         ("REYKJAVIK (dpa) - Auf der isländischen Halbinsel Reykjanes ist erneut ein Vulkan ausgebrochen. Der Ort "
         "Grindavik und die Blaue Lagune wurden geräumt.")),
        ("ice-anp", ANP_BU, DAY + 150, "Vulkaanuitbarsting bij IJslands Grindavik",
         ("REYKJAVIK (ANP) - Op het schiereiland Reykjanes in IJsland is opnieuw een vulkaan uitgebarsten. Het "
         "vissersdorp Grindavik en de Blue Lagoon zijn ontruimd.")),
    ]),
    ("airbus-order", True, [
        ("air-afp", AFP, DAY + 400, "Airbus décroche une commande de 100 A321neo d'IndiGo",
         ("TOULOUSE (AFP) - La compagnie indienne IndiGo a commandé 100 Airbus A321neo supplémentaires, a annoncé "
         "mardi l'avionneur européen à Toulouse.")),
        ("air-rtr", RTRB, DAY + 410, "IndiGo orders 100 more Airbus A321neo jets",
         ("PARIS (Reuters) - India's IndiGo has ordered 100 more A321neo jets from Airbus, the planemaker said on "
         "Tuesday, cementing the airline's position as its largest customer for the model.")),
        ("air-dpa", DPA, DAY + 420, "IndiGo bestellt 100 weitere Airbus-Jets",
         ("TOULOUSE (dpa) - Die indische Fluggesellschaft IndiGo hat bei Airbus 100 weitere Maschinen vom Typ "
         "A321neo bestellt.")),
        ("air-dpa-ber", DPA, DAY + 470, "Berichtigung: IndiGo bestellt 100 weitere Airbus-Jets",
         ("TOULOUSE (dpa) - Die indische Fluggesellschaft IndiGo hat bei Airbus 100 weitere Maschinen vom Typ "
         "A321neo bestellt. In einer früheren Fassung war die Zahl der Flugzeuge falsch angegeben."), "air-dpa"),
    ]),
    ("paris-louvre", True, [
        ("louvre-afp", AFP, 560, "Le Louvre fermé par une grève du personnel",
         ("PARIS (AFP) - Le musée du Louvre est resté fermé lundi en raison d'une grève de ses agents, qui dénoncent "
         "la surfréquentation et le manque d'effectifs face aux 9 millions de visiteurs annuels.")),
        ("louvre-rtr", RTR, 575, "Louvre shut as staff strike over crowds",
         ("PARIS (Reuters) - The Louvre museum in Paris stayed closed on Monday as staff went on strike over "
         "overcrowding and understaffing at the museum, which draws 9 million visitors a year.")),
        ("louvre-anp", ANP_BU, 590, "Louvre dicht door staking personeel",
         ("PARIJS (ANP) - Het Louvre in Parijs is maandag dichtgebleven door een staking van het personeel. Dat "
         "klaagt over drukte en onderbezetting in het museum, dat jaarlijks 9 miljoen bezoekers trekt.")),
    ]),
    ("kyiv-visit", True, [
        ("visit-dpa", DPA, 500, "Wadephul in Kiew: Deutschland sagt weitere Luftabwehr zu",
         ("KIEW (dpa) - Bundesaußenminister Johann Wadephul hat bei einem Besuch in Kiew weitere Flugabwehrsysteme "
         "vom Typ Iris-T zugesagt. Er traf Präsident Wolodymyr Selenskyj.")),
        ("visit-rtr", RTR, 520, "German foreign minister pledges more air defence on Kyiv visit",
         ("KYIV (Reuters) - German Foreign Minister Johann Wadephul promised more IRIS-T air defence systems during "
         "a visit to Kyiv on Monday, where he met President Volodymyr Zelenskiy.")),
        ("visit-anp", ANP_BU, 540, "Duitse minister belooft Oekraïne meer luchtafweer",
         ("KYIV (ANP) - De Duitse minister van Buitenlandse Zaken Johann Wadephul heeft bij een bezoek aan Kyiv meer "
         "IRIS-T-luchtafweersystemen toegezegd. Hij sprak met president Zelensky.")),
    ]),
    ("berlin-bvg", True, [
        ("bvg-dpa", DPA, 200, "BVG-Warnstreik: Busse und Bahnen in Berlin stehen still",
         ("BERLIN (dpa) - Ein Warnstreik bei den Berliner Verkehrsbetrieben (BVG) hat am Montag den Nahverkehr in "
         "der Hauptstadt lahmgelegt. U-Bahnen, Busse und Straßenbahnen fahren bis 3 Uhr nachts nicht.")),
        ("bvg-rtr", RTR, 230, "Strike halts Berlin buses and subway",
         ("BERLIN (Reuters) - A strike at Berlin's public transport operator BVG halted the city's subway, buses "
         "and trams on Monday, leaving commuters to cycle or walk in the cold.")),
        ("bvg-rtr-upd", RTR, 290, "Strike halts Berlin buses and subway (update)",
         ("BERLIN (Reuters) - A strike at Berlin's public transport operator BVG halted the city's subway, buses and "
         "trams on Monday. The Verdi union said the walkout would last until 3 a.m."), "bvg-rtr"),
    ]),
    ("lagarde-parliament", True, [
        ("lag-rtr", RTRB, DAY + 540, "Lagarde tells EU lawmakers ECB not on preset path",
         ("STRASBOURG (Reuters) - ECB President Christine Lagarde told the European Parliament on Tuesday the bank "
         "was not committed to any further moves and would decide meeting by meeting.")),
        ("lag-afp", AFP, DAY + 560, "Lagarde devant le Parlement européen: pas de trajectoire prédéfinie",
         ("STRASBOURG (AFP) - La présidente de la BCE Christine Lagarde a assuré mardi devant le Parlement européen "
         "que la banque ne s'engageait sur aucune trajectoire et déciderait réunion par réunion.")),
        ("lag-dpa", DPA, DAY + 570, "Lagarde: EZB legt sich nicht fest",
         ("STRASSBURG (dpa) - EZB-Präsidentin Christine Lagarde hat vor dem Europäischen Parlament betont, die "
         "Notenbank lege sich für weitere Schritte nicht fest.")),
    ]),
    ("software-recall", True, [
        ("car-ap", AP, DAY + 900, "Automaker recalls 80,000 cars over braking software",
         ("DETROIT (AP) - Carmaker Halden Motors is recalling 80,000 sedans because a software flaw can delay "
         "emergency braking, U.S. safety regulators said on Tuesday.")),
        ("car-rtr", RTRB, DAY + 915, "Halden recalls 80,000 sedans for braking software fix",
         ("DETROIT (Reuters) - Halden Motors will recall about 80,000 sedans in the United States to update software "
         "that can delay automatic emergency braking, the NHTSA said.")),
        ("car-dpa", DPA, DAY + 930, "Halden ruft 80.000 Autos wegen Bremssoftware zurück",
         ("DETROIT (dpa) - Der Autobauer Halden Motors ruft in den USA rund 80.000 Limousinen zurück, weil ein "
         "Softwarefehler die Notbremsung verzögern kann.")),
    ]),
]


def corpus() -> list[Wire]:
    """Every labelled item, oldest first (the order a desk would fold them in)."""
    wires = [
        Wire(row[0], event, row[1], row[2], row[3], row[4], row[5] if len(row) > 5 else None, held_out)
        for event, held_out, rows in _EVENTS
        for row in rows
    ]
    return sorted(wires, key=lambda wire: (wire.minute, wire.key))


def feed_file(directory: Path, name: str, wires: list[Wire], shift: float = 0.0) -> str:
    """An RSS file carrying `wires` (their leads as bodies, their keys as GUIDs), dated `shift` seconds later
    than the corpus says; its path, a feed URL."""
    entries = [Entry(wire.title, guid=wire.key, link=f"https://wire.test/{wire.key}",
                     date=T0 + 60 * wire.minute + shift,
                     body=f"<p>{wire.lead}</p>") for wire in wires]
    path = directory / f"{name}.xml"
    path.write_bytes(rss(entries, title=name))
    return str(path)
