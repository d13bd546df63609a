"""A labelled corpus of wire headlines for urgency, written for these tests: agencies' markers in
several languages, and the ordinary uses of the same words that must stay at none.

Each case: (title, start of body, expected level, what it shows). Places and agencies are real,
the events invented."""

from __future__ import annotations

from typing import NamedTuple


class Case(NamedTuple):
    title: str
    body: str
    level: str | None
    kind: str


def _cases(kind: str, level: str | None, rows: list[tuple[str, str]]) -> list[Case]:
    return [Case(title, body, level, kind) for title, body in rows]


FLASHES = _cases("flash", "flash", [
    ("FLASH - Explosion at Rotterdam refinery", ""),
    ("FLASH-Dutch central bank cuts deposit rate", ""),
    ("FLASH: Dam breaks above Valencia suburbs", ""),
    ("RPT-FLASH-Tokyo stocks halted after quake", ""),
    ("AFP FLASH - Séisme majeur au large de Lisbonne", ""),
    ("Blitz: Bundespräsident tritt zurück", ""),
    ("BLITZ - Regierungskrise in Wien", ""),
    ("⚡ FLASH: Airport closed after runway fire", ""),
    ("[FLASH] Power cut across Brussels", ""),
    ("FLASH", "MADRID (EFE) - El Congreso aprueba la moción de censura."),
    ("Brand in haven", "FLASH - ROTTERDAM (ANP) - In de haven woedt een grote brand."),
])

URGENTS = _cases("urgent", "urgent", [
    ("URGENT - Prime minister survives confidence vote", ""),
    ("URGENT: Ceasefire talks collapse in Doha", ""),
    ("URGENT Kyiv reports drone strikes on power plants", ""),
    ("BULLETIN - Strike shuts down Antwerp port", ""),
    ("BULLETIN", "ANTWERP (Belga) - Dockers walked out at dawn."),
    ("BREAKING: Volcano erupts near Grindavik", ""),
    ("Breaking: Storm forces Schiphol to halt all flights", ""),
    ("BREAKING NEWS - Bridge collapses in Genoa", ""),
    ("AP BREAKING: Senate passes spending bill", ""),
    ("🔴 BREAKING: Train derails outside Utrecht", ""),
    ("[BREAKING] Rate decision brought forward", ""),
    ("ALERTE - Le gouvernement engage sa responsabilité", ""),
    ("ALERTE INFO : incendie à la gare du Nord", ""),
    ("URGENT - Grève générale annoncée pour lundi", ""),
    ("SPOED: Kabinet biedt ontslag aan bij de koning", ""),
    ("SPOED - Gijzeling in Groningen voorbij", ""),
    ("Kabinet gevallen", "DEN HAAG (ANP) - SPOED: Het kabinet is gevallen na een nachtelijk debat."),
    ("Gijzeling voorbij", "SPOED GRONINGEN (ANP) - De gijzeling in een winkel is voorbij."),
    ("Eil +++ Bundestag wählt neuen Kanzler +++", ""),
    ("+++ Eilmeldung +++ Bahnstreik beendet", ""),
    ("EILMELDUNG: Hochwasser erreicht Köln", ""),
    ("Eilmeldung: Waffenruhe vereinbart", ""),
    ("EIL: Landtag in Erfurt aufgelöst", ""),
    ("dpa-Eilmeldung: Zentralbank senkt Leitzins", ""),
    ("Zinswende", "FRANKFURT (dpa) - Eil +++ Die Zentralbank senkt den Leitzins."),
    ("URGENTE: Terremoto de magnitud 7 sacude el norte de Chile", ""),
    ("URGENTE - Dimite el presidente del Gobierno", ""),
    ("URGENTE.- Evacuado el puerto de Bilbao por una fuga de gas", ""),
    ("BREAKING • Ferry runs aground off Texel", ""),
    ("Última hora: cierran el aeropuerto de Barajas", ""),
    ("ULTIM'ORA: crolla un ponte sull'autostrada", ""),
    ("JUST IN: Fed holds rates steady", ""),
])

HARD_NEGATIVES = _cases("hard negative", None, [
    ("Flash floods kill 12 in southern Spain", ""),
    ("Flash flood warning for the Ardennes tonight", ""),
    ("Flash-flood risk rises as storm stalls", ""),
    ("FLASH FLOODS KILL 12 IN VALENCIA", ""),
    ("'Breaking Bad' star opens a bakery in Albuquerque", ""),
    ("Breaking Bad actor joins Dutch crime series", ""),
    ("Urgent care closures leave rural towns waiting", ""),
    ("Urgent need for blood donors as stocks fall", ""),
    ("Spoedeisende hulp overvol door griepgolf", ""),
    ("Spoedoverleg in Den Haag over stikstof", ""),
    ("Historischer Eilzug fährt wieder durch das Moseltal", ""),
    ("Eilantrag gegen Windpark abgelehnt", ""),
    ("Eilverfahren: Gericht stoppt Abschiebung", ""),
    ("Record-breaking heat grips southern Europe", ""),
    ("Heat is breaking records across Europe", ""),
    ("Why breaking news makes us anxious", ""),
    ("Police say the suspect was breaking into cars", ""),
    ("BREAKINGVIEWS-The central bank blinked first", ""),
    ("The news flash at fifty: how the wire's fastest line was born", ""),
    ("Flash, urgent, bulletin: how agencies rank their copy", ""),
    ("FLASH! A short history of the wire bell", ""),
    ("Blitzeis legt Verkehr in Bayern lahm", ""),
    ("Blitz schlägt in Kirchturm ein", ""),
    ("Blitzer-Marathon auf der A2", ""),
    ("Alerte orange aux orages dans douze départements", ""),
    ("Urgente reforma de la sanidad, piden los médicos", ""),
    ("Última hora de la guerra en Ucrania, en directo", ""),
    ("Stormschade", "UTRECHT (ANP) - Spoedeisende hulp kreeg tientallen gewonden binnen."),
    ("Flitsers op de A12", "Flash photography is banned in the museum."),
    ("Dringend advies", "Urgent care centres stay open over Christmas."),
])

CORPUS = FLASHES + URGENTS + HARD_NEGATIVES
