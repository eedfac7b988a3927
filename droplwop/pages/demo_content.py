"""The words of the demo site, in English and Spanish, written from the coalition's own facts
(/work/shared/seeds) and the sourced figures in /work/shared/reference. Every number names
where it comes from."""

import datetime

ABOUT = {
    "en": {
        "title": "What is LWOP?",
        "summary": "Life without parole is a prison sentence with no end date and no parole hearing. "
        "Here is what it means, who serves it, and what the coalition asks for.",
        "text": (
            "<p>Life without the possibility of parole, or LWOP, is a sentence with no end date. "
            "A person serving it never goes before the parole board: unless a governor commutes the "
            "sentence or a court changes it, they will die in prison. People inside call it the "
            "death sentence in slow motion; human rights advocates call it death by incarceration.</p>"
            "<h2>Who serves it</h2>"
            "<ul><li>More than 5,000 people in California are serving LWOP (over 5,200 according to "
            "Drop LWOP, March 2020).</li>"
            "<li>Almost 200 of them are women and transgender people held at the Central California "
            "Women's Facility and the California Institution for Women (A Living Chance fact sheet, "
            "2017). Most of them survived abuse before they were sentenced.</li>"
            "<li>The felony-murder special circumstance was used in 52% of the cases that ended in "
            "LWOP (Special Circumstances Conviction Project, UCLA Center for the Study of Women and "
            "Felony Murder Elimination Project, July 2023).</li></ul>"
            "<h2>What we ask for</h2>"
            "<p>We work for relief for everyone serving this sentence, whatever the conviction, "
            "along four paths: new laws, commutations, resentencing, and holding district attorneys "
            "to account. A commutation does not open the prison gate by itself: it gives a person "
            "the right to be heard by the parole board in their lifetime.</p>"
            "<h2>Where the campaign began</h2>"
            "<p>The movement started inside California's prisons. People serving LWOP organized "
            "with each other and with advocates outside, and a storytelling project with women "
            "sentenced to LWOP, A Living Chance, grew into this coalition. Many volunteers belong to "
            "no organization at all: everyone is welcome.</p>"
        ),
        "quote": "We know when people serving LWOP come home they make our communities safer.",
        "attribution": "Kelly Savage-Rodriguez, Drop LWOP coordinator",
        "cta_heading": "There is a place for you in this campaign",
        "cta_text": "Come to a monthly meeting, write a support letter or join a workgroup.",
        "cta_button": "See ways to get involved",
    },
    "es": {
        "title": "¿Qué es LWOP?",
        "summary": "La cadena perpetua sin libertad condicional es una condena sin fecha de salida "
        "ni audiencia de libertad condicional. Aquí explicamos qué significa, a quién afecta y qué "
        "pide la coalición.",
        "text": (
            "<p>La cadena perpetua sin posibilidad de libertad condicional (en inglés, LWOP) es una "
            "condena que no tiene fecha de fin. Quien la cumple nunca llega a presentarse ante la "
            "junta de libertad condicional: si el gobernador no conmuta la pena o un tribunal no la "
            "cambia, morirá en prisión. Dentro de las cárceles la llaman la pena de muerte en cámara "
            "lenta; los defensores de derechos humanos, muerte por encarcelamiento.</p>"
            "<h2>A quién afecta</h2>"
            "<ul><li>Más de 5,000 personas cumplen LWOP en California (más de 5,200 según Drop LWOP, "
            "marzo de 2020).</li>"
            "<li>Casi 200 son mujeres y personas trans recluidas en el Central California Women's "
            "Facility y en la California Institution for Women (hoja informativa de A Living "
            "Chance, 2017). La mayoría sobrevivió a situaciones de abuso antes de su condena.</li>"
            "<li>La circunstancia especial de asesinato en la comisión de un delito grave (felony "
            "murder) se aplicó en el 52% de los casos que terminaron en LWOP (Special Circumstances "
            "Conviction Project, Centro de Estudios de la Mujer de UCLA y Felony Murder Elimination "
            "Project, julio de 2023).</li></ul>"
            "<h2>Qué pedimos</h2>"
            "<p>Buscamos una salida para todas las personas que cumplen esta condena, sin importar "
            "el delito, por cuatro caminos: nuevas leyes, conmutaciones, nuevas sentencias y "
            "presión sobre los fiscales de distrito. Una conmutación no abre la puerta de la "
            "prisión por sí sola: da a la persona el derecho a ser escuchada por la junta de "
            "libertad condicional mientras vive.</p>"
            "<h2>Dónde empezó la campaña</h2>"
            "<p>El movimiento nació dentro de las prisiones de California. Las personas condenadas "
            "a LWOP se organizaron entre sí y con aliados de afuera, y un proyecto de relatos con "
            "mujeres condenadas a LWOP, A Living Chance, dio origen a esta coalición. Muchas de las "
            "personas voluntarias no pertenecen a ninguna organización: aquí cabemos todos.</p>"
        ),
        "quote": "Sabemos que cuando las personas condenadas a LWOP vuelven a casa, nuestras "
        "comunidades son más seguras.",
        "attribution": "Kelly Savage-Rodriguez, coordinadora de Drop LWOP",
        "cta_heading": "En esta campaña hay un lugar para ti",
        "cta_text": "Ven a una reunión mensual, escribe una carta de apoyo o súmate a un grupo de trabajo.",
        "cta_button": "Formas de participar",
    },
}

GET_INVOLVED = {
    "en": {
        "title": "Get involved",
        "summary": "Sign, meet, write, volunteer or give: five ways to help end life without parole.",
        "intro": "<p>People inside, their families, formerly incarcerated people and supporters "
        "all carry this campaign. Pick one way to start; we will help you with the next.</p>",
        "ways": [
            (
                "Sign petitions and letters",
                "<p>Add your name to the campaign's petitions and sign-on letters, such as our "
                "letter asking Governor Newsom to commute every LWOP sentence in California.</p>",
            ),
            (
                "Come to the monthly meeting",
                "<p>The statewide meeting takes place on Zoom on the <b>third Monday of every month "
                "at 7 pm</b>. Write to us and we will send you the link and the agenda.</p>",
            ),
            (
                "Write support letters",
                "<p>Letters from family, friends, employers and neighbors go with every "
                "commutation application. We show you how to write one that tells the governor "
                "who the person is today.</p>",
            ),
            (
                "Volunteer in a workgroup",
                "<p>Media and communications, legislation, in-reach to people inside, and outreach "
                "to organizations each meet once or twice a month. The volunteer orientation guide "
                "helps you find your place.</p>",
            ),
            (
                "Donate",
                "<p>Gifts keep the campaign going: mail and materials for people inside, meetings "
                "and events with families.</p>",
            ),
        ],
        # One link per way, in the order of "ways"; demo.py says where each leads.
        "links": [
            "See the petitions",
            "Join the next meeting",
            "Write a support letter",
            "Read the volunteer orientation guide",
            "Give now",
        ],
    },
    "es": {
        "title": "Participa",
        "summary": "Firma, reúnete, escribe, colabora o dona: cinco maneras de ayudar a acabar con "
        "la cadena perpetua sin libertad condicional.",
        "intro": "<p>Esta campaña la sostienen las personas presas, sus familias, quienes "
        "estuvieron en prisión y sus aliados. Elige una manera de empezar; te acompañamos en el "
        "siguiente paso.</p>",
        "ways": [
            (
                "Firma peticiones y cartas",
                "<p>Suma tu nombre a las peticiones y cartas colectivas de la campaña, como nuestra "
                "carta que pide al gobernador Newsom conmutar todas las condenas de LWOP en "
                "California.</p>",
            ),
            (
                "Ven a la reunión mensual",
                "<p>La reunión estatal se hace por Zoom el <b>tercer lunes de cada mes a las 7 de "
                "la noche</b>. Escríbenos y te enviamos el enlace y el orden del día.</p>",
            ),
            (
                "Escribe cartas de apoyo",
                "<p>Cada solicitud de conmutación va acompañada de cartas de familiares, amistades, "
                "empleadores y vecinos. Te enseñamos a escribir una que muestre al gobernador quién "
                "es hoy esa persona.</p>",
            ),
            (
                "Colabora en un grupo de trabajo",
                "<p>Los grupos de medios y comunicación, legislación, contacto con las personas "
                "presas y enlace con organizaciones se reúnen una o dos veces al mes. La guía de "
                "orientación para voluntarios te ayuda a encontrar tu lugar.</p>",
            ),
            (
                "Dona",
                "<p>Tu donativo sostiene la campaña: correo y materiales para las personas presas, "
                "reuniones y encuentros con las familias.</p>",
            ),
        ],
        "links": [
            "Ver las peticiones",
            "Ven a la próxima reunión",
            "Escribe una carta de apoyo",
            "Lee la guía de orientación para voluntarios",
            "Dona ahora",
        ],
    },
}

NEWS_INDEX = {
    "en": {
        "title": "News",
        "intro": "<p>Campaign news, press releases and the coalition's statements.</p>",
    },
    "es": {
        "title": "Noticias",
        "slug": "noticias",
        "intro": "<p>Novedades de la campaña, comunicados de prensa y declaraciones de la "
        "coalición.</p>",
    },
}

MEDIA_CONTACT = {
    "media_contact_name": "Media and Communications workgroup",
    "media_contact_email": "media@droplwop.example.org",
}

# (slug, kind, date, shared fields, english, spanish)
NEWS_POSTS = [
    {
        "slug": "coalition-welcomes-commutations",
        "kind": "press_release",
        "date": datetime.date(2024, 4, 2),
        "tags": {"en": ["clemency", "Governor Newsom"], "es": ["clemencia", "gobernador Newsom"]},
        "en": {
            "title": "Coalition welcomes new commutations and asks the governor to speed up clemency",
            "author": "Drop LWOP Coalition",
            "intro": "Governor Newsom granted 18 commutations and 37 pardons, 12 of them to people "
            "serving life without parole. The coalition thanks him and asks for more, and faster.",
            "body": "<p>The Drop LWOP Coalition welcomes Governor Newsom's latest grants of "
            "clemency: 18 commutations and 37 pardons, which give each person the chance to be "
            "reviewed by the California parole board. Twelve of the commutations went to people "
            "serving life without parole.</p>"
            "<p>Thousands of people serving LWOP are growing old in prison. Many were sentenced as "
            "young people and have spent decades changing their lives although they were told it "
            "would never matter. The coalition asks the governor to accelerate clemency for all of "
            "them.</p>"
            "<p>Former Governor Jerry Brown granted more than 100 commutations to people serving "
            "LWOP. Other states are moving too: governors and legislatures across the country are "
            "opening ways to review extreme sentences.</p>",
            "quote": "We know when people serving LWOP come home they make our communities safer.",
            "attribution": "Kelly Savage-Rodriguez, Drop LWOP coordinator",
        },
        "es": {
            "title": "La coalición celebra nuevas conmutaciones y pide al gobernador que acelere la "
            "clemencia",
            "slug": "coalicion-celebra-conmutaciones",
            "author": "Coalición Drop LWOP",
            "intro": "El gobernador Newsom concedió 18 conmutaciones y 37 indultos; 12 de ellos a "
            "personas condenadas a cadena perpetua sin libertad condicional. La coalición se lo "
            "agradece y le pide más, y más rápido.",
            "body": "<p>La Coalición Drop LWOP celebra las últimas medidas de clemencia del "
            "gobernador Newsom: 18 conmutaciones y 37 indultos, que dan a cada persona la "
            "oportunidad de ser evaluada por la junta de libertad condicional de California. Doce "
            "de las conmutaciones fueron para personas condenadas a LWOP.</p>"
            "<p>Miles de personas con condenas de LWOP están envejeciendo en prisión. Muchas fueron "
            "condenadas siendo muy jóvenes y llevan décadas transformando su vida, aunque se les "
            "dijo que nunca serviría de nada. La coalición pide al gobernador que acelere la "
            "clemencia para todas ellas.</p>"
            "<p>El exgobernador Jerry Brown concedió más de 100 conmutaciones a personas "
            "condenadas a LWOP. Otros estados también avanzan: gobernadores y legislaturas de todo "
            "el país están abriendo caminos para revisar las condenas extremas.</p>",
            "quote": "Sabemos que cuando las personas condenadas a LWOP vuelven a casa, nuestras "
            "comunidades son más seguras.",
            "attribution": "Kelly Savage-Rodriguez, coordinadora de Drop LWOP",
        },
    },
    {
        "slug": "statement-people-v-hardin",
        "kind": "statement",
        "date": datetime.date(2024, 3, 1),
        "tags": {"en": ["courts", "young adults"], "es": ["tribunales", "jóvenes adultos"]},
        "en": {
            "title": "Statement on the ruling in People v. Hardin",
            "author": "Drop LWOP Coalition",
            "intro": "The court chose not to end the exclusion of people serving LWOP from youth "
            "offender parole hearings. We are disappointed, and we will keep working.",
            "body": "<p>After a long wait, the court has ruled in People v. Hardin. The case asked "
            "whether leaving people serving life without parole out of youth offender parole "
            "hearings breaks the Equal Protection Clause of the Fourteenth Amendment.</p>"
            "<p>Mr. Hardin's attorneys and many friends of the court made a powerful case. The "
            "court nevertheless decided not to correct this inequity, which falls on people "
            "sentenced to LWOP for offenses committed between the ages of 18 and 26.</p>"
            "<p>This ruling does not change who these people are or what they have done with their "
            "lives. We will keep pressing for laws and commutations that give every one of them a "
            "parole hearing.</p>",
        },
        "es": {
            "title": "Declaración sobre el fallo en el caso People v. Hardin",
            "slug": "declaracion-people-v-hardin",
            "author": "Coalición Drop LWOP",
            "intro": "El tribunal decidió no poner fin a la exclusión de las personas condenadas a "
            "LWOP de las audiencias de libertad condicional para jóvenes. Nos decepciona y seguimos "
            "adelante.",
            "body": "<p>Tras una larga espera, el tribunal falló en el caso People v. Hardin. La "
            "pregunta era si dejar fuera de las audiencias de libertad condicional para jóvenes a "
            "las personas condenadas a cadena perpetua sin libertad condicional viola la cláusula "
            "de igual protección de la Decimocuarta Enmienda.</p>"
            "<p>Los abogados del señor Hardin y muchas organizaciones que presentaron escritos de "
            "apoyo defendieron el caso con fuerza. Aun así, el tribunal decidió no corregir esta "
            "desigualdad, que afecta a quienes recibieron LWOP por hechos cometidos entre los 18 y "
            "los 26 años.</p>"
            "<p>Este fallo no cambia quiénes son estas personas ni lo que han hecho con su vida. "
            "Seguiremos luchando por leyes y conmutaciones que den a cada una de ellas una "
            "audiencia de libertad condicional.</p>",
        },
    },
    {
        "slug": "un-human-rights-committee",
        "kind": "news",
        "date": datetime.date(2023, 11, 10),
        "tags": {"en": ["human rights"], "es": ["derechos humanos"]},
        "en": {
            "title": "At the United Nations, death by incarceration is named for what it is",
            "author": "Media and Communications workgroup",
            "intro": "Coalition members testified in Geneva. The UN Human Rights Committee then "
            "asked the United States, for the first time, to consider a moratorium on life "
            "without parole.",
            "body": "<p>In September 2022, dozens of organizations across the United States filed "
            "a complaint with United Nations experts against sentences that condemn people to die "
            "in prison. On October 29, 2023, members of the Drop LWOP coalition and other "
            "advocates were heard by the UN Human Rights Committee in Geneva.</p>"
            "<p>On November 3, 2023, the Committee issued its conclusions. It called on the United "
            "States, for the first time, to consider a moratorium on life without parole "
            "sentences. Advocates who testified describe the sentence as cruel and inhuman "
            "treatment that falls hardest on people of color.</p>",
        },
        "es": {
            "title": "En Naciones Unidas, la muerte por encarcelamiento se llama por su nombre",
            "slug": "comite-derechos-humanos-onu",
            "author": "Grupo de medios y comunicación",
            "intro": "Integrantes de la coalición declararon en Ginebra. Después, el Comité de "
            "Derechos Humanos de la ONU pidió por primera vez a Estados Unidos que considere una "
            "moratoria de la cadena perpetua sin libertad condicional.",
            "body": "<p>En septiembre de 2022, decenas de organizaciones de Estados Unidos "
            "presentaron una denuncia ante expertos de Naciones Unidas contra las condenas que "
            "obligan a morir en prisión. El 29 de octubre de 2023, integrantes de la coalición Drop "
            "LWOP y otras organizaciones fueron escuchados por el Comité de Derechos Humanos de la "
            "ONU en Ginebra.</p>"
            "<p>El 3 de noviembre de 2023, el Comité publicó sus conclusiones. Por primera vez, "
            "pidió a Estados Unidos que considere una moratoria de las condenas a cadena perpetua "
            "sin libertad condicional. Quienes declararon describen esta condena como un trato "
            "cruel e inhumano que golpea con más fuerza a las personas de color.</p>",
        },
    },
    {
        "slug": "felony-murder-report",
        "kind": "news",
        "date": datetime.date(2023, 7, 20),
        "tags": {"en": ["research", "felony murder"], "es": ["investigación", "felony murder"]},
        "en": {
            "title": "New report: who is sentenced to LWOP in California, and how",
            "author": "Media and Communications workgroup",
            "intro": "The Special Circumstances Conviction Project published the first thorough "
            "study of LWOP sentencing in California.",
            "body": "<p>More than 5,000 people in California are serving life without parole, yet "
            "until now no one had gathered the convictions behind these sentences in one place. "
            "In 2020 the Felony Murder Elimination Project and the UCLA Center for the Study of "
            "Women set up the Special Circumstances Conviction Project to fill that gap, collecting "
            "thousands of conviction records through public records requests.</p>"
            "<p>Their report, published in July 2023, finds that the felony-murder special "
            "circumstance was used in 52% of the cases that ended in LWOP, and that race, age and "
            "gender play a troubling part in who receives the sentence. You will find it in our "
            "resources library.</p>",
        },
        "es": {
            "title": "Nuevo informe: a quién se condena a LWOP en California y cómo",
            "slug": "informe-felony-murder",
            "author": "Grupo de medios y comunicación",
            "intro": "El Special Circumstances Conviction Project publicó el primer estudio a fondo "
            "de las condenas de LWOP en California.",
            "body": "<p>Más de 5,000 personas cumplen cadena perpetua sin libertad condicional en "
            "California, pero hasta ahora nadie había reunido en un solo lugar las condenas que hay "
            "detrás. En 2020, el Felony Murder Elimination Project y el Centro de Estudios de la "
            "Mujer de UCLA crearon el Special Circumstances Conviction Project para llenar ese "
            "vacío, con miles de expedientes obtenidos mediante solicitudes de registros "
            "públicos.</p>"
            "<p>Su informe, publicado en julio de 2023, concluye que la circunstancia especial de "
            "felony murder se aplicó en el 52% de los casos que terminaron en LWOP, y que la raza, "
            "la edad y el género influyen de forma preocupante en quién recibe esta condena. Lo "
            "encontrarás en nuestra biblioteca de recursos.</p>",
        },
    },
    {
        "slug": "coming-home-report",
        "kind": "news",
        "date": datetime.date(2023, 5, 15),
        "tags": {"en": ["research", "reentry"], "es": ["investigación", "reinserción"]},
        "en": {
            "title": "“I just want to give back”: what people do after LWOP",
            "author": "Media and Communications workgroup",
            "intro": "A Human Rights Watch report follows 143 people released from California "
            "prisons after life without parole sentences.",
            "body": "<p>Human Rights Watch looked at the historic release of 143 people from "
            "California prisons who had been sentenced to life without parole, and at what they "
            "have done with their second chance.</p>"
            "<p>The people in the report work, care for their families, mentor young people and go "
            "back into prisons as volunteers. Their stories show what the coalition has always "
            "said: people change, and they deserve the chance to prove it.</p>",
        },
        "es": {
            "title": "«Solo quiero devolver algo»: la vida después de LWOP",
            "slug": "informe-volver-a-casa",
            "author": "Grupo de medios y comunicación",
            "intro": "Un informe de Human Rights Watch sigue a 143 personas que salieron de "
            "prisiones de California tras condenas de cadena perpetua sin libertad condicional.",
            "body": "<p>Human Rights Watch estudió la liberación histórica de 143 personas de "
            "prisiones de California que habían sido condenadas a cadena perpetua sin libertad "
            "condicional, y lo que han hecho con su segunda oportunidad.</p>"
            "<p>Las personas del informe trabajan, cuidan de sus familias, orientan a jóvenes y "
            "vuelven a las prisiones como voluntarias. Sus historias confirman lo que la coalición "
            "siempre ha dicho: las personas cambian y merecen la oportunidad de demostrarlo.</p>",
        },
    },
    {
        "slug": "call-to-commute-all",
        "kind": "statement",
        "date": datetime.date(2022, 12, 12),
        "tags": {"en": ["clemency"], "es": ["clemencia"]},
        "en": {
            "title": "Every person serving LWOP deserves a parole hearing",
            "author": "Drop LWOP Coalition",
            "intro": "We celebrate each commutation, and we call for the commutation of every LWOP "
            "sentence in California.",
            "body": "<p>A commutation does not promise release. It promises that a person will see "
            "the parole board during their lifetime instead of spending the rest of it in prison "
            "under a living death penalty.</p>"
            "<p>People of color are sentenced to LWOP out of all proportion, and most of the people "
            "serving it in California's women's prisons survived abuse, from childhood violence to "
            "trafficking. We celebrate the commutation of every single person, and we ask the "
            "governor to commute all of these sentences.</p>",
        },
        "es": {
            "title": "Toda persona condenada a LWOP merece una audiencia de libertad condicional",
            "slug": "conmutar-todas",
            "author": "Coalición Drop LWOP",
            "intro": "Celebramos cada conmutación y pedimos que se conmuten todas las condenas de "
            "LWOP en California.",
            "body": "<p>Una conmutación no garantiza la libertad. Garantiza que la persona podrá "
            "presentarse ante la junta de libertad condicional en vida, en lugar de pasar el resto "
            "de sus días en prisión bajo una pena de muerte en vida.</p>"
            "<p>Las personas de color reciben LWOP de forma desproporcionada, y la mayoría de "
            "quienes la cumplen en las prisiones de mujeres de California sobrevivieron a abusos, "
            "desde la violencia en la infancia hasta la trata. Celebramos la conmutación de cada "
            "persona y pedimos al gobernador que conmute todas estas condenas.</p>",
        },
    },
    {
        "slug": "strategy-convening-los-angeles",
        "kind": "press_release",
        "date": datetime.date(2019, 9, 20),
        "tags": {"en": ["organizing"], "es": ["organización"]},
        "en": {
            "title": "More than 125 people gather in Los Angeles to plan the end of LWOP",
            "author": "Drop LWOP Coalition",
            "intro": "On September 14 and 15, 2019, the first Drop LWOP strategy convening brought "
            "together people directly affected by extreme sentences and their allies.",
            "body": "<p>Over a weekend in South Los Angeles, more than 125 people met to plan how "
            "to end life without parole and all extreme sentencing in California. Most of them had "
            "been directly affected: people once sentenced to LWOP, formerly incarcerated people "
            "and family members.</p>"
            "<p>People still inside took part too, through a notebook of testimony and proposals "
            "written for the gathering. Panels and workgroups set the campaign's next steps in "
            "legislation, commutations, resentencing and work with district attorneys.</p>",
        },
        "es": {
            "title": "Más de 125 personas se reúnen en Los Ángeles para planear el fin de LWOP",
            "slug": "encuentro-estrategico-los-angeles",
            "author": "Coalición Drop LWOP",
            "intro": "El 14 y 15 de septiembre de 2019, el primer encuentro estratégico de Drop "
            "LWOP reunió a personas afectadas directamente por las condenas extremas y a sus "
            "aliados.",
            "body": "<p>Durante un fin de semana en el sur de Los Ángeles, más de 125 personas se "
            "reunieron para planear cómo acabar con la cadena perpetua sin libertad condicional y "
            "con todas las condenas extremas en California. La mayoría vivía el tema en carne "
            "propia: personas que recibieron LWOP, personas que estuvieron presas y familiares.</p>"
            "<p>Quienes siguen dentro también participaron, con un cuaderno de testimonios y "
            "propuestas escrito para el encuentro. Los paneles y grupos de trabajo definieron los "
            "próximos pasos de la campaña en legislación, conmutaciones, nuevas sentencias y "
            "trabajo con los fiscales de distrito.</p>",
        },
    },
]

RESOURCE_INDEX = {
    "en": {
        "title": "Resources",
        "intro": "<p>Guides, reports, fact sheets and videos about life without parole in "
        "California, in English and Spanish.</p>",
    },
    "es": {
        "title": "Recursos",
        "slug": "recursos",
        "intro": "<p>Guías, informes, hojas informativas y videos sobre la cadena perpetua sin "
        "libertad condicional en California, en inglés y en español.</p>",
    },
}

# The printable documents of the library: headings ("h") and paragraphs ("p").
ORIENTATION = {
    "en": [
        ("h", "Drop LWOP volunteer orientation"),
        (
            "p",
            "Welcome. This guide helps you find where you would like to help end life without parole.",
        ),
        ("h", "Our four areas"),
        ("p", "• Legislation"),
        ("p", "• Commutations"),
        ("p", "• Resentencing"),
        ("p", "• Influencing district attorneys"),
        ("h", "Meetings"),
        (
            "p",
            "The statewide meeting is on Zoom on the third Monday of every month at 7 pm. Workgroups meet once or twice a month.",
        ),
        ("h", "Workgroups"),
        ("p", "• Media and communications"),
        ("p", "• Legislation"),
        ("p", "• In-reach: keeping people inside informed and involved"),
        ("p", "• Outreach to organizations"),
        (
            "p",
            "Feeling lost after your first meetings is normal: the system is complicated. We will pair you with an experienced member you can ask anything.",
        ),
    ],
    "es": [
        ("h", "Orientación para voluntarios de Drop LWOP"),
        (
            "p",
            "Te damos la bienvenida. Esta guía te ayuda a encontrar dónde quieres ayudar a acabar con la cadena perpetua sin libertad condicional.",
        ),
        ("h", "Nuestras cuatro áreas"),
        ("p", "• Legislación"),
        ("p", "• Conmutaciones"),
        ("p", "• Nuevas sentencias"),
        ("p", "• Presión sobre los fiscales de distrito"),
        ("h", "Reuniones"),
        (
            "p",
            "La reunión estatal es por Zoom el tercer lunes de cada mes a las 7 de la noche. Los grupos de trabajo se reúnen una o dos veces al mes.",
        ),
        ("h", "Grupos de trabajo"),
        ("p", "• Medios y comunicación"),
        ("p", "• Legislación"),
        ("p", "• Contacto con las personas presas"),
        ("p", "• Enlace con organizaciones"),
        (
            "p",
            "Es normal sentirse perdido después de las primeras reuniones: el sistema es complicado. Te pondremos en contacto con una persona con experiencia a quien puedas preguntar lo que sea.",
        ),
    ],
}

FACT_SHEET = {
    "en": [
        ("h", "Life without parole in California: the facts"),
        (
            "p",
            "• More than 5,000 people are serving LWOP in California; over 5,200 in March 2020 (Drop LWOP).",
        ),
        (
            "p",
            "• Almost 200 are women and transgender people at CCWF and CIW (A Living Chance, 2017).",
        ),
        (
            "p",
            "• The felony-murder special circumstance was used in 52% of the cases that ended in LWOP (Special Circumstances Conviction Project, July 2023).",
        ),
        (
            "p",
            "• Governor Jerry Brown granted 283 commutations from 2011 to 2018; 52% went to people serving LWOP (California Coalition for Women Prisoners).",
        ),
        (
            "p",
            "• 56,245 people were serving LWOP in the United States in 2024 (The Sentencing Project).",
        ),
    ],
    "es": [
        ("h", "Cadena perpetua sin libertad condicional en California: los datos"),
        (
            "p",
            "• Más de 5,000 personas cumplen LWOP en California; más de 5,200 en marzo de 2020 (Drop LWOP).",
        ),
        ("p", "• Casi 200 son mujeres y personas trans en CCWF y CIW (A Living Chance, 2017)."),
        (
            "p",
            "• La circunstancia especial de felony murder se aplicó en el 52% de los casos que terminaron en LWOP (Special Circumstances Conviction Project, julio de 2023).",
        ),
        (
            "p",
            "• El gobernador Jerry Brown concedió 283 conmutaciones entre 2011 y 2018; el 52% fueron para personas condenadas a LWOP (California Coalition for Women Prisoners).",
        ),
        (
            "p",
            "• 56,245 personas cumplían LWOP en Estados Unidos en 2024 (The Sentencing Project).",
        ),
    ],
}

# Each item of the library, with its English and Spanish descriptions.
RESOURCES = [
    {
        "key": "orientation-en",
        "kind": "guide",
        "language": "en",
        "document": (
            "Volunteer orientation guide (English)",
            "orientation-en.pdf",
            "orientation",
            "en",
        ),
        "published": datetime.date(2021, 9, 1),
        "featured": True,
        "en": {
            "title": "Volunteer orientation guide",
            "description": "How the coalition works, when we meet and which workgroup might suit "
            "you. Start here if you want to get involved.",
        },
        "es": {
            "title": "Guía de orientación para voluntarios (en inglés)",
            "description": "Cómo funciona la coalición, cuándo nos reunimos y qué grupo de trabajo "
            "puede ser para ti. Versión en inglés.",
        },
    },
    {
        "key": "orientation-es",
        "kind": "guide",
        "language": "es",
        "document": (
            "Guía de orientación para voluntarios (español)",
            "orientacion-es.pdf",
            "orientation",
            "es",
        ),
        "published": datetime.date(2021, 9, 1),
        "featured": True,
        "en": {
            "title": "Volunteer orientation guide (Spanish)",
            "description": "The orientation guide in Spanish, to share with families and "
            "volunteers who prefer to read in Spanish.",
        },
        "es": {
            "title": "Guía de orientación para voluntarios",
            "description": "Cómo funciona la coalición, cuándo nos reunimos y qué grupo de trabajo "
            "puede ser para ti. Empieza por aquí si quieres participar.",
        },
    },
    {
        "key": "fact-sheet-en",
        "kind": "fact_sheet",
        "language": "en",
        "document": ("LWOP fact sheet (English)", "lwop-fact-sheet-en.pdf", "fact_sheet", "en"),
        "published": datetime.date(2024, 1, 15),
        "featured": False,
        "en": {
            "title": "Life without parole in California: the facts",
            "description": "One page of figures, each with its source, for letters, meetings and "
            "the press.",
        },
        "es": {
            "title": "Hoja informativa sobre LWOP (en inglés)",
            "description": "Una página de cifras, cada una con su fuente. Versión en inglés.",
        },
    },
    {
        "key": "fact-sheet-es",
        "kind": "fact_sheet",
        "language": "es",
        "document": (
            "Hoja informativa sobre LWOP (español)",
            "hoja-informativa-lwop-es.pdf",
            "fact_sheet",
            "es",
        ),
        "published": datetime.date(2024, 1, 15),
        "featured": False,
        "en": {
            "title": "LWOP fact sheet (Spanish)",
            "description": "The fact sheet in Spanish.",
        },
        "es": {
            "title": "Cadena perpetua sin libertad condicional en California: los datos",
            "description": "Una página de cifras, cada una con su fuente, para cartas, reuniones y "
            "medios de comunicación.",
        },
    },
    {
        "key": "sccp-report",
        "kind": "report",
        "language": "en",
        "url": "https://csw.ucla.edu/cswresearch/feminist-anti-carceral-studies/sccp/",
        "published": datetime.date(2023, 7, 17),
        "featured": True,
        "en": {
            "title": "Life Without Parole and Felony Murder Sentencing in California",
            "description": "The Special Circumstances Conviction Project's report (UCLA Center for "
            "the Study of Women and Felony Murder Elimination Project): the first thorough study "
            "of the convictions behind LWOP in California.",
        },
        "es": {
            "title": "Informe sobre LWOP y felony murder en California (en inglés)",
            "description": "El informe del Special Circumstances Conviction Project (Centro de "
            "Estudios de la Mujer de UCLA y Felony Murder Elimination Project): el primer estudio a "
            "fondo de las condenas detrás de LWOP en California.",
        },
    },
    {
        "key": "special-circumstances-video",
        "kind": "video",
        "language": "en",
        "published": None,
        "featured": False,
        "en": {
            "title": "Life Without Parole: Special Circumstances and the Other Death Penalty",
            "description": "A 13-minute film in which six people sentenced to LWOP, and their "
            "families, tell their stories. Write to us to arrange a screening.",
        },
        "es": {
            "title": "Video: Life Without Parole, Special Circumstances and the Other Death Penalty",
            "description": "Un documental de 13 minutos en el que seis personas condenadas a LWOP y "
            "sus familias cuentan su historia. En inglés. Escríbenos para organizar una "
            "proyección.",
        },
    },
]

MENU = {
    "about": {"en": "About", "es": "Quiénes somos"},
    "news": {"en": "News", "es": "Noticias"},
    "get_involved": {"en": "Get involved", "es": "Participa"},
    "resources": {"en": "Resources", "es": "Recursos"},
}

SHARE_IMAGE = {
    "title": "Drop LWOP default share image",
    "name": "Drop LWOP Coalition",
    "line": "End life without parole in California",
}
