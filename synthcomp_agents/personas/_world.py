"""Industries (with plausible kinds of employer) and countries (with cities, currency and aliases)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from synthcomp_agents.personas._models import Country, Industry


def _l(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(";") if item.strip())


def _ind(id: str, label: str, keywords: str, employers: str) -> Industry:
    return Industry(id=id, label=label, keywords=_l(keywords), employers=_l(employers))


_INDUSTRIES: tuple[Industry, ...] = (
    _ind(
        "healthcare",
        "Healthcare",
        "hospital*; clinic*; health system; healthcare; health care; NHS; care home*; medical centre; krankenhaus;"
        " klinik*; hôpital; clínica; hospital; ospedale; 医院; 病院; 병원",
        "a 400-bed teaching hospital; a regional network of outpatient clinics; a community health trust;"
        " a private orthopaedic hospital; a group of family-run care homes; a children's hospital;"
        " a rural district hospital; a large group general practice",
    ),
    _ind(
        "pharma_biotech",
        "Pharma & biotech",
        "pharma*; biotech*; drug developer; life sciences; CRO; vaccine*; biosimilar*; medical device*; 製薬; 制药",
        "a mid-size generic drug manufacturer; a venture-backed oncology biotech; a global contract research"
        " organisation; a vaccine maker; a medical device company making infusion pumps;"
        " a specialty pharma company; a cell therapy start-up",
    ),
    _ind(
        "technology",
        "Software & internet",
        "software; SaaS; tech company; start-up; startup; internet; app; cloud; platform; 科技; テック",
        "a 150-person B2B SaaS start-up; a payments fintech; a cloud hosting provider; a mobile gaming studio;"
        " a cybersecurity software vendor; an e-learning platform; a large enterprise software company;"
        " a travel booking website",
    ),
    _ind(
        "financial_services",
        "Banking & financial services",
        "bank*; banking; asset manag*; investment; fintech; private equity; wealth management; credit union;"
        " stock exchange; brokerage; sparkasse; banque; banco; banca; 银行; 銀行; 은행",
        "a regional savings bank; a mid-size asset management firm; a private equity fund; a consumer credit lender;"
        " a cooperative bank; a wealth management boutique; a corporate and investment bank; a credit union",
    ),
    _ind(
        "insurance",
        "Insurance",
        "insurance compan*; insurer; reinsurer; mutual insurer; versicherer; assureur; aseguradora; seguradora",
        "a motor and home insurer; a specialty commercial insurer; a mutual health insurer; a life and pensions"
        " company; a reinsurance firm; an insurance brokerage",
    ),
    _ind(
        "manufacturing",
        "Industrial manufacturing",
        "manufactur*; factory; plant; machinery; industrial; metalwork*; plastics; packaging maker; maschinenbau;"
        " industrie; industria; 制造业; 製造業",
        "a family-owned machine tool maker; a plastics injection moulding plant; a packaging manufacturer;"
        " an industrial pump manufacturer; an electronics contract manufacturer; a steel fabrication shop;"
        " a maker of agricultural machinery; a chemical plant",
    ),
    _ind(
        "automotive",
        "Automotive",
        "automotive; car maker; carmaker; car manufacturer; auto parts; vehicle*; electric vehicle*; EV; mechanic;"
        " car mechanic*; motor mechanic*; auto repair*; car repair*; garage owner*; motor vehicle technician*;"
        " automobil*; automobile; automoción; automotivo; 汽车; 自動車; 자동차",
        "a mid-size automotive parts supplier; a premium car maker; an electric bus manufacturer;"
        " a tier-1 supplier of seating systems; a car dealership group; a battery cell start-up",
    ),
    _ind(
        "retail_ecommerce",
        "Retail & e-commerce",
        "retail*; e-commerce; ecommerce; online shop; store*; supermarket*; shop; einzelhandel; commerce de détail;"
        " comercio minorista; varejo; vendita al dettaglio; 零售; 小売",
        "a national supermarket chain; a fashion e-commerce retailer; a DIY store chain; an online marketplace;"
        " a chain of pharmacies; a consumer electronics retailer; a department store; an independent bookshop chain",
    ),
    _ind(
        "consumer_goods",
        "Consumer goods",
        "consumer goods; FMCG; CPG; brand owner; cosmetics; beverage*; household products; konsumgüter",
        "a household-cleaning brand; a craft brewery; a cosmetics company; a sportswear brand;"
        " a snack food maker; a toy company; a coffee roaster with a wholesale business",
    ),
    _ind(
        "logistics_transport",
        "Logistics & transport",
        "logistics compan*; freight forwarder; shipping line; airline; airport; railway; rail operator;"
        " courier; haulage; port; spedition; transporteur; naviera; postal service; post office; mail carrier*;"
        " letter carrier*; 物流公司",
        "a mid-size freight forwarder; a regional parcel courier; a container shipping line; an airport operator;"
        " a rail freight operator; a third-party logistics provider; a city public transport company",
    ),
    _ind(
        "construction",
        "Construction & engineering services",
        "construction; contractor; building firm; engineering consultancy; infrastructure; civil works; bau;"
        " bâtiment; construcción; construção; edilizia; 建设; 建設",
        "a multidisciplinary engineering consultancy; a general contractor; a modular housing builder;"
        " a road construction company; an architecture practice of 30 people; a tunnelling contractor",
    ),
    _ind(
        "energy_utilities",
        "Energy & utilities",
        "energy compan*; utility; utilities; power company; grid operator; water company; oil and gas;"
        " renewable developer; stadtwerke; 电力公司",
        "a regional electricity distribution company; an offshore wind developer; a municipal water utility;"
        " a gas network operator; a solar park developer; an energy trading house; a district heating company",
    ),
    _ind(
        "public_sector",
        "Government & public sector",
        "government; ministry; municipality; city council; county council; public agency; federal agency;"
        " local authority; behörde; administration; ayuntamiento; prefeitura; comune; 政府",
        "a national ministry of transport; a city council; a regional development agency; a tax authority;"
        " a national statistics office; an environmental regulator; a county council",
    ),
    _ind(
        "education",
        "Schools & education",
        "school*; academy; kindergarten; college; schule; école; escuela; escola; scuola; 学校; 학교",
        "a comprehensive secondary school; a bilingual primary school; a further education college;"
        " a multi-academy trust; an international school; a vocational training centre; a language school",
    ),
    _ind(
        "higher_education",
        "Universities & research institutes",
        "university; universities; research institute; faculty; campus; institut; universidad; universidade;"
        " università; 大学",
        "a research-intensive university; a technical university; a public research institute;"
        " a medical school; a university hospital research unit; a small liberal arts college",
    ),
    _ind(
        "nonprofit",
        "Nonprofits & charities",
        "charity; nonprofit; non-profit; NGO; foundation; association; verein; association loi 1901; fundación;"
        " fundação; fondazione",
        "a national children's charity; a food bank network; an international development NGO;"
        " a community housing association; an environmental foundation; a refugee support charity;"
        " a local arts trust",
    ),
    _ind(
        "media_publishing",
        "Media & publishing",
        "newspaper; magazine; publisher; publishing house; broadcaster; media company; radio; television;"
        " news agency; verlag; éditeur; editorial; editora; casa editrice; 出版",
        "a regional daily newspaper; a public broadcaster; a trade magazine publisher; a podcast network;"
        " a children's book publisher; a digital news start-up; a news agency",
    ),
    _ind(
        "hospitality_tourism",
        "Hospitality & tourism",
        "hotel*; tourism; resort; restaurant group; travel agency; tour operator; catering company; venue;"
        " tourismus; tourisme; turismo; 旅游; 観光",
        "a 220-room city-centre hotel; a restaurant group with eight sites; a conference venue; a tour operator;"
        " a catering company; a seaside resort; a boutique hotel chain",
    ),
    _ind(
        "real_estate",
        "Real estate",
        "real estate; property compan*; property fund; housing association; estate agency; REIT; immobilien;"
        " immobilier; inmobiliaria; imobiliária",
        "a commercial property fund; a residential letting agency; a housing association; a REIT owning shopping"
        " centres; a property development company; a student housing operator",
    ),
    _ind(
        "professional_services",
        "Professional services",
        "consulting firm; consultancy; law firm; accounting firm; audit firm; agency; professional services;"
        " beratung; cabinet; consultoría; consultoria",
        "a Big Four accounting firm; a boutique management consultancy; a mid-size law firm;"
        " a digital marketing agency; a tax advisory practice; an HR consultancy; an IT services company",
    ),
    _ind(
        "telecommunications",
        "Telecommunications",
        "telecom*; mobile operator; broadband; network operator; carrier; telekom*; opérateur; operadora; 通信",
        "a national mobile operator; a fibre broadband provider; a telecom equipment vendor;"
        " a cable TV and internet company; a satellite communications firm",
    ),
    _ind(
        "food_agriculture",
        "Food & agriculture",
        "farm*; agricultur*; food producer; dairy; food processing; winery; bakery chain; landwirtschaft;"
        " agriculture; agricultura; agricoltura; 农业; 農業",
        "a dairy cooperative; a fruit and vegetable packer; an organic farm; a bakery chain; a winery;"
        " a meat processing plant; an agricultural seed company",
    ),
)

INDUSTRIES: Mapping[str, Industry] = MappingProxyType({i.id: i for i in _INDUSTRIES})
"""All industries by id (read-only)."""


def _country(name: str, currency: str, locale: str, cities: str, aliases: str) -> Country:
    return Country(name=name, currency=currency, locale=locale, cities=_l(cities), aliases=_l(aliases))


_COUNTRIES: tuple[Country, ...] = (
    _country(
        "United States",
        "USD",
        "en_US",
        "Chicago; Houston; Boston; Denver; Atlanta; Seattle; Columbus",
        "USA; U.S.; US; United States; America; American; Estados Unidos; États-Unis; Vereinigte Staaten;"
        " Stati Uniti; 美国; アメリカ; 미국; New York; San Francisco; Los Angeles",
    ),
    _country(
        "United Kingdom",
        "GBP",
        "en_GB",
        "Manchester; Leeds; Bristol; Glasgow; Birmingham; London",
        "UK; United Kingdom; Britain; British; England; English; Scotland; Wales; Royaume-Uni; Reino Unido;"
        " Großbritannien; 英国; イギリス",
    ),
    _country(
        "Germany",
        "EUR",
        "de_DE",
        "Stuttgart; Munich; Hamburg; Cologne; Leipzig; Frankfurt",
        "Germany; German; Deutschland; deutsch*; Allemagne; Alemania; Alemanha; Germania; 德国; ドイツ; 독일;"
        " Berlin; München; Köln; Düsseldorf",
    ),
    _country(
        "France",
        "EUR",
        "fr_FR",
        "Lyon; Toulouse; Nantes; Lille; Bordeaux; Paris",
        "France; French; français*; Frankreich; Francia; França; 法国; フランス; 프랑스; Marseille",
    ),
    _country(
        "Spain",
        "EUR",
        "es_ES",
        "Madrid; Barcelona; Valencia; Seville; Bilbao; Zaragoza",
        "Spain; Spanish; España; español*; Spanien; Espagne; Espanha; Spagna; 西班牙; スペイン; Sevilla",
    ),
    _country(
        "Italy",
        "EUR",
        "it_IT",
        "Milan; Turin; Bologna; Rome; Verona; Naples",
        "Italy; Italian; Italia; italian*; Italien; Italie; Itália; 意大利; イタリア; Milano; Torino; Roma;"
        " Firenze; Napoli",
    ),
    _country(
        "Netherlands",
        "EUR",
        "nl_NL",
        "Rotterdam; Utrecht; Eindhoven; Amsterdam; Groningen",
        "Netherlands; Dutch; Holland; Nederland; Niederlande; Pays-Bas; Países Bajos; Paesi Bassi; 荷兰; オランダ",
    ),
    _country(
        "Sweden",
        "SEK",
        "sv_SE",
        "Gothenburg; Malmö; Uppsala; Stockholm",
        "Sweden; Swedish; Sverige; Schweden; Suède; Suecia; Suécia; Svezia; 瑞典; スウェーデン; Göteborg",
    ),
    _country(
        "Brazil",
        "BRL",
        "pt_BR",
        "São Paulo; Curitiba; Belo Horizonte; Porto Alegre; Recife",
        "Brazil; Brazilian; Brasil; brasileir*; Brasilien; Brésil; 巴西; ブラジル; Rio de Janeiro",
    ),
    _country(
        "Mexico",
        "MXN",
        "es_MX",
        "Monterrey; Guadalajara; Mexico City; Puebla; Querétaro",
        "Mexico; Mexican; México; mexican*; Mexiko; Mexique; Messico; 墨西哥; メキシコ; Ciudad de México; CDMX",
    ),
    _country(
        "Canada",
        "CAD",
        "en_CA",
        "Toronto; Calgary; Ottawa; Halifax; Vancouver; Montreal",
        "Canada; Canadian; Kanada; Canadá; 加拿大; カナダ; Montréal; Québec",
    ),
    _country(
        "Australia",
        "AUD",
        "en_AU",
        "Melbourne; Brisbane; Perth; Adelaide; Sydney",
        "Australia; Australian; Australien; Australie; 澳大利亚; オーストラリア; 호주",
    ),
    _country(
        "India",
        "INR",
        "en_IN",
        "Bengaluru; Pune; Hyderabad; Chennai; Mumbai",
        "India; Indian; Indien; Inde; Índia; 印度; インド; 인도; Bangalore; Delhi; New Delhi; Kolkata",
    ),
    _country(
        "Japan",
        "JPY",
        "ja_JP",
        "Osaka; Nagoya; Yokohama; Fukuoka; Tokyo",
        "Japan; Japanese; Japon; Japón; Japão; Giappone; 日本; 일본; 東京; 大阪; Kyoto",
    ),
    _country(
        "Singapore",
        "SGD",
        "en_SG",
        "Singapore",
        "Singapore; Singaporean; Singapur; Singapour; Cingapura; 新加坡; シンガポール; 싱가포르",
    ),
    _country(
        "South Africa",
        "ZAR",
        "en_ZA",
        "Johannesburg; Cape Town; Durban; Pretoria",
        "South Africa; South African; Südafrika; Afrique du Sud; Sudáfrica; África do Sul; Sudafrica; 南非; 南アフリカ",
    ),
    _country(
        "Poland",
        "PLN",
        "pl_PL",
        "Wrocław; Kraków; Poznań; Warsaw; Gdańsk",
        "Poland; Polish; Polska; Polen; Pologne; Polonia; Polônia; 波兰; ポーランド; Warszawa; Krakow; Wroclaw",
    ),
    _country(
        "Ireland",
        "EUR",
        "en_IE",
        "Dublin; Cork; Galway; Limerick",
        "Ireland; Irish; Irland; Irlande; Irlanda; 爱尔兰; アイルランド",
    ),
    _country(
        "Portugal",
        "EUR",
        "pt_PT",
        "Lisbon; Porto; Braga; Coimbra",
        "Portugal; Portuguese; português*; portugais*; Portogallo; 葡萄牙; ポルトガル; Lisboa",
    ),
    _country(
        "China",
        "CNY",
        "zh_CN",
        "Shanghai; Shenzhen; Hangzhou; Chengdu; Beijing",
        "China; Chinese; Chine; Volksrepublik China; 中国; 中國; 中国大陆; 上海; 北京; 深圳; 중국",
    ),
    _country(
        "South Korea",
        "KRW",
        "ko_KR",
        "Seoul; Busan; Incheon; Daejeon",
        "South Korea; Korea; Korean; Südkorea; Corée du Sud; Corea del Sur; Coreia do Sul; 韩国; 韓国; 한국; 서울",
    ),
    _country(
        "Switzerland",
        "CHF",
        "de_CH",
        "Zurich; Basel; Geneva; Bern; Lausanne",
        "Switzerland; Swiss; Schweiz; Suisse; Svizzera; Suiza; Suíça; 瑞士; スイス; Zürich; Genève",
    ),
)

COUNTRIES: Mapping[str, Country] = MappingProxyType({c.name: c for c in _COUNTRIES})
"""All known countries by English name (read-only)."""
