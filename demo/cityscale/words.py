"""Names, streets, districts and titles the generated people, clients and orders are made of."""

from __future__ import annotations

FIRST_NAMES = (
    "Aino Anna Anneli Annikki Eeva Elina Emilia Helena Hilkka Ilona Irma Johanna Kaarina Katariina Kirsi "
    "Laura Leena Liisa Maija Marja Minna Noora Outi Päivi Riikka Saara Sari Satu Tuula Venla Aleksi Antti "
    "Eero Eino Heikki Ilkka Jari Jukka Juha Kalle Kari Lauri Markku Matti Mikko Niko Olli Pekka Petri "
    "Risto Sami Seppo Tapio Teemu Timo Tuomas Väinö Ville Åke Öystein"
).split()
LAST_NAMES = (
    "Ahonen Aaltonen Heikkilä Heikkinen Hiltunen Hämäläinen Hyvönen Jokinen Järvinen Kallio Karjalainen "
    "Kinnunen Koivisto Korhonen Koskinen Laaksonen Laine Lehtinen Lehtonen Leinonen Lindholm Mäkelä "
    "Mäkinen Manninen Miettinen Mustonen Nieminen Niemi Nurmi Ojala Pelkonen Pitkänen Rantanen Räsänen "
    "Saarinen Salminen Salo Savolainen Tuominen Turunen Vainio Virtanen Väisänen Öhman Åberg Grönroos"
).split()
STREETS = (
    "Mannerheimintie Hämeentie Mechelininkatu Fredrikinkatu Runeberginkatu Topeliuksenkatu Sturenkatu "
    "Mäkelänkatu Itäväylä Kaironkatu Kustaankatu Vallilantie Helsinginkatu Aleksis Kiven katu Porvoonkatu "
    "Kaasutehtaankatu Malminkaari Kontulankaari Vuotie Meripellontie Siilitie Kirkkotie Kivihaantie"
).split(" ")
DISTRICTS = (
    "Vallila Töölö Kallio Kontula Malmi Vuosaari Pasila Herttoniemi Itäkeskus Kannelmäki Pitäjänmäki "
    "Munkkiniemi Lauttasaari Oulunkylä Pukinmäki Mellunmäki Myllypuro Laajasalo Maunula Tapanila Arabia "
    "Alppila Vartiokylä Jakomäki Haaga Konala Viikki Kumpula Roihuvuori Tali"
).split()
COMPANY_WORDS = (
    "Rakennus Kiinteistö Siivous Kuljetus Tekniikka Palvelu Asunto Koulutus Ravintola Kauppa Logistiikka "
    "Media Konsultointi Puutarha Remontti Isännöinti Kahvila Tapahtuma Paino Sähkö"
).split()
ASSOCIATION_WORDS = "Urheiluseura Asukasyhdistys Kotiseutuyhdistys Eläkeläiset Kuoro Partiolippukunta".split()
CITY_UNITS = (
    "Kirjasto Palvelutalo Nuorisotalo Leikkipuisto Kotihoito Kouluterveydenhuolto Liikuntapalvelut "
    "Kaupunginmuseo Asukastalo Päiväkoti"
).split()
TITLES = {
    "cleaning": ["Toimiston siivous", "Kevätsiivous", "Porraskäytävän siivous"],
    "safety-phone-cleaning": ["Turvapuhelinten puhdistus"],
    "window-washing": ["Ikkunoiden pesu", "Näyteikkunoiden pesu"],
    "mailing": ["Jäsenkirjeiden postitus", "Tiedotteiden postitus"],
    "floorball-mats": ["Salibandykaukalon mattojen asennus"],
    "storage-clean-up": ["Varaston siivous", "Kellarikomeron raivaus"],
    "move-packing": ["Muuton pakkaus", "Arkiston pakkaus"],
    "thesis-archiving": ["Opinnäytetöiden arkistointi"],
    "resident-folders": ["Asukaskansioiden kokoaminen"],
    "assisting-elderly": ["Ulkoiluapu ikäihmisille", "Kauppa-apu"],
    "sewing": ["Verhojen ompelu", "Korjausompelu"],
    "handicrafts": ["Joulukoristeiden askartelu", "Pajatyöt"],
}
FEEDBACK_TEXTS = ["Kiitos, hyvin tehty!", "Reipas ja täsmällinen.", "Työ sujui hyvin.", "Erinomaista jälkeä.", ""]
