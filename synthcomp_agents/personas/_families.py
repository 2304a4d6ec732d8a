"""Occupational families: roles per seniority, industries and the domain vocabulary of their documents.

This is the realism core of the persona layer. Lists are written as ``;``-separated strings for
readability and split at import time. Keywords with a trailing ``*`` match as prefixes; keywords in
CJK scripts match as substrings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from synthcomp_agents.personas._kin import has_children, without_assumed_kin
from synthcomp_agents.personas._models import SENIORITIES, OccupationalFamily, Seniority


def _l(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(";") if item.strip())


def _roles(text: str) -> dict[Seniority, tuple[str, ...]]:
    roles: dict[Seniority, tuple[str, ...]] = {}
    for part in text.split("|"):
        level, _, names = part.partition(":")
        level = level.strip()
        if level not in SENIORITIES:
            raise ValueError(f"unknown seniority {level!r} in roles table")
        roles[level] = tuple(n.strip() for n in names.split(",") if n.strip())
    return roles


def _fam(**fields: str) -> OccupationalFamily:
    data: dict[str, object] = {}
    for key, value in fields.items():
        if key in ("id", "label"):
            data[key] = value
        elif key == "roles":
            data[key] = _roles(value)
        else:
            data[key] = _l(value)
    return OccupationalFamily.model_validate(data)


_FAMILIES: tuple[OccupationalFamily, ...] = (
    _fam(
        id="finance_accounting",
        label="Finance & accounting",
        roles="intern: finance intern, audit intern | junior: accounts payable clerk, junior accountant, staff"
        " accountant"
        " | mid: accountant, financial analyst, FP&A analyst | senior: senior accountant, senior financial analyst"
        " | lead: lead FP&A analyst, assistant controller | manager: finance manager, accounting manager"
        " | director: financial controller, director of FP&A | executive: chief financial officer, finance director",
        titles="accountant; bookkeeper; controller; auditor; treasurer; CPA; chartered accountant; tax advisor;"
        " payroll specialist; credit analyst; financial analyst; investment analyst; portfolio manager",
        keywords="accounting; accountan*; bookkeep*; controlling; audit; auditor*; ledger; finance; financial;"
        " budget*; forecast*; month-end close; payroll; tax; taxes; invoic*; FP&A; treasury; CFO; IFRS; GAAP;"
        " reconciliation*; buchhalt*; buchführung; steuerberater*; wirtschaftsprüf*; finanzen; comptab*;"
        " expert-comptable; trésorerie; contable; contabilidad; contador*; contabilista; contabilidade; contabile;"
        " ragioniere; commercialista; 会计; 会計; 财务; 経理; 회계",
        industries="financial_services; professional_services; manufacturing; retail_ecommerce; technology;"
        " healthcare; public_sector; consumer_goods",
        key_metrics="EBITDA margin; days sales outstanding (DSO); days payable outstanding (DPO); working capital;"
        " budget variance %; forecast accuracy; gross margin; operating cash flow; close cycle time (days);"
        " cost per invoice; accruals balance; headcount cost; capex vs. plan",
        spreadsheet_kinds="monthly close checklist; budget vs. actual by cost centre; rolling 13-week cash forecast;"
        " accruals schedule; fixed asset register; AP aging report; AR aging report; intercompany reconciliation;"
        " 3-statement model; headcount cost plan; VAT return workings; bank reconciliation",
        spreadsheet_columns="GL account; cost centre; entity; period; budget; actual; variance; variance %; FY"
        " forecast;"
        " invoice no.; vendor; due date; days overdue; amount (net); VAT; currency; FX rate; posting date; reviewer",
        report_types="monthly management accounts pack; board finance deck; variance commentary memo;"
        " annual budget submission; audit findings response; cash flow forecast update; cost reduction proposal;"
        " year-end close timetable; tax provision memo; capex business case",
        recurring_meetings="month-end close stand-up; budget review with department heads; quarterly forecast call;"
        " audit committee prep; cash meeting with treasury; weekly AP run sign-off; CFO staff meeting;"
        " external auditor walkthrough",
        jargon="accruals; prepayments; deferred revenue; cut-off; journal entry; trial balance; chart of accounts;"
        " intercompany elimination; run-rate; opex; capex; true-up; write-off; three-way match; materiality",
        units="EUR; USD; GBP; thousands (k); millions (m); % of revenue; basis points; FTE; days",
        tools="SAP S/4HANA; Oracle NetSuite; Xero; QuickBooks; DATEV; Excel with Power Query; Anaplan; BlackLine;"
        " Concur; Power BI",
        collaborators="external auditor; budget holder; payroll provider; treasury analyst; tax advisor;"
        " procurement manager; sales operations lead; CFO; HR business partner; bank relationship manager",
        focuses="closing the books for the third quarter under a shortened timetable;"
        " rebuilding the rolling cash forecast after a large customer paid late;"
        " preparing the audit file for the annual statutory audit;"
        " reconciling intercompany balances between three subsidiaries;"
        " migrating the chart of accounts to a new ERP;"
        " drafting next year's departmental budgets with twelve cost-centre owners;"
        " chasing overdue receivables from key distributors;"
        " building a business case for automating invoice processing;"
        " reviewing travel and expense claims against a tightened policy;"
        " explaining a large marketing overspend in the monthly variance commentary;"
        " preparing the VAT return after a change in cross-border rules;"
        " modelling the cost impact of a new collective wage agreement",
    ),
    _fam(
        id="procurement_supply_chain",
        label="Procurement & supply chain",
        roles="intern: procurement intern, supply chain intern | junior: junior buyer, purchasing assistant"
        " | mid: buyer, category analyst, supply planner | senior: senior buyer, senior category manager"
        " | lead: lead category manager, strategic sourcing lead | manager: procurement manager,"
        " supply chain manager | director: director of procurement, head of supply chain"
        " | executive: chief procurement officer, vice president of supply chain",
        titles="buyer; purchaser; sourcing specialist; category manager; demand planner; supply planner;"
        " materials planner; vendor manager; contract manager",
        keywords="procurement; purchasing; sourcing; supplier*; vendor*; supply chain; category management; RFQ;"
        " RFP; tender*; purchase order*; buyer; contract negotiation*; spend analysis; demand planning; inventory;"
        " einkauf; einkäufer*; beschaffung; lieferant*; achats; acheteur*; approvisionnement; fournisseur*;"
        " compras; comprador*; aprovisionamiento; proveedor*; suprimentos; fornecedor*; acquisti; approvvigionamento;"
        " fornitor*; 采购; 調達; 購買; 구매",
        industries="manufacturing; automotive; retail_ecommerce; consumer_goods; healthcare; food_agriculture;"
        " construction; energy_utilities; public_sector",
        key_metrics="spend under management; savings vs. baseline; on-time in-full (OTIF); supplier lead time;"
        " purchase price variance (PPV); inventory turns; days of supply; contract coverage %; maverick spend %;"
        " supplier defect rate (ppm); forecast accuracy (MAPE); fill rate",
        spreadsheet_kinds="supplier scorecard; spend cube by category; RFQ comparison matrix; contract renewal"
        " calendar;"
        " should-cost model; savings tracker; approved vendor list; open purchase order report;"
        " safety stock calculation; S&OP demand plan; tender evaluation matrix; supplier risk register",
        spreadsheet_columns="supplier; supplier ID; category; part number; unit price; currency; Incoterms; MOQ;"
        " lead time (days); PO number; quantity; delivery date; OTIF %; contract end date; annual spend;"
        " savings (abs.); savings %; risk rating",
        report_types="category strategy paper; sourcing recommendation memo; quarterly supplier business review deck;"
        " savings report to the CFO; make-or-buy analysis; tender award report; supply risk assessment;"
        " negotiation plan; S&OP executive summary; supplier audit report",
        recurring_meetings="weekly S&OP meeting; supplier quarterly business review; sourcing committee;"
        " category review with budget owners; daily shortage call; contract renewal check-in;"
        " demand review with sales",
        jargon="RFx; Incoterms (DAP, FCA, EXW); MOQ; blanket order; framework agreement; single-source; dual-sourcing;"
        " tail spend; should-cost; index-linked pricing; safety stock; bullwhip; lead-time buffer; e-auction",
        units="EUR; USD; CNY; units; pallets; tonnes; days of supply; ppm; % savings",
        tools="SAP Ariba; Coupa; SAP MM; Oracle Procurement Cloud; Jaggaer; Kinaxis; o9 Solutions; Excel pivot tables;"
        " Power BI",
        collaborators="supplier account manager; quality engineer; production planner; finance business partner;"
        " legal counsel; logistics coordinator; category owner; plant manager",
        focuses="renegotiating steel contracts and consolidating a sprawling supplier base;"
        " running a tender for facility cleaning services across six sites;"
        " qualifying a second source for a critical electronic component;"
        " cutting tail spend by moving small purchases to a catalogue;"
        " rebuilding the supplier scorecard after repeated late deliveries;"
        " preparing the annual price negotiations with packaging suppliers;"
        " reducing safety stock without hurting the fill rate;"
        " mapping tier-2 suppliers for a supply-risk review;"
        " moving freight contracts to index-linked pricing;"
        " rolling out an e-procurement tool to department buyers;"
        " analysing three years of spend to find consolidation savings;"
        " handling shortages after a key supplier's plant fire",
    ),
    _fam(
        id="clinical_research",
        label="Clinical research",
        roles="intern: clinical research intern | junior: clinical trial assistant, junior study coordinator | mid:"
        " clinical research coordinator, clinical research associate | senior: senior clinical research associate,"
        " senior study coordinator | lead: lead CRA, clinical trial lead | manager: clinical project manager,"
        " clinical operations manager | director: director of clinical operations | executive: chief clinical"
        " operations officer, vice president of clinical development",
        titles="CRA; study coordinator; research nurse; trial manager; data manager; monitor; principal investigator",
        keywords="clinical trial*; clinical research; clinical study; study coordinator; CRA; CRO; protocol deviation*;"
        " informed consent; GCP; ICH; site monitoring; enrolment; enrollment; case report form*; eCRF; IRB;"
        " ethics committee; principal investigator; klinische studie*; studienkoordinat*; essai clinique; essais"
        " cliniques;"
        " attaché de recherche clinique; ensayo clínico; ensayos clínicos; ensaio clínico; ensaios clínicos;"
        " sperimentazione clinica; studio clinico; 临床试验; 治験; 임상시험",
        industries="pharma_biotech; healthcare; higher_education",
        key_metrics="patients screened; patients randomised; screen failure rate; enrolment vs. target;"
        " query resolution time (days); protocol deviations per site; data entry lag (days); visit window compliance;"
        " SAE reporting timeliness (24 h); site activation time; monitoring visit backlog",
        spreadsheet_kinds="subject enrolment log; screening log; protocol deviation log; query tracker;"
        " site activation tracker; visit schedule calculator; drug accountability log; delegation of authority log;"
        " monitoring visit report tracker; SAE log; study budget per-patient grid",
        spreadsheet_columns="site no.; subject ID; screening date; randomisation date; arm; visit; visit date;"
        " window (±days); eCRF status; open queries; deviation category; SAE (Y/N); consent version; PI; CRA; comments",
        report_types="monitoring visit report; site initiation visit slides; protocol deviation summary;"
        " enrolment status update; DSMB data package cover memo; study close-out report; investigator meeting deck;"
        " corrective and preventive action (CAPA) plan; trial master file QC report",
        recurring_meetings="weekly study team meeting; site monitoring visit; investigator teleconference;"
        " data review meeting; CRO oversight call; DSMB meeting; feasibility call with sites",
        jargon="ICH-GCP E6(R3); informed consent form (ICF); TMF; eCRF; SDV; SAE; SUSAR; randomisation; blinding;"
        " washout; inclusion/exclusion criteria; screen failure; last patient last visit (LPLV); database lock",
        units="patients; sites; visits; days; mg; mL; mmHg; % enrolment",
        tools="Medidata Rave; Veeva Vault eTMF; REDCap; Oracle Siebel CTMS; IWRS/IRT portal; Excel; SharePoint",
        collaborators="principal investigator; research nurse; CRO project manager; medical monitor; data manager;"
        " biostatistician; site pharmacist; sponsor study manager; ethics committee secretary",
        focuses="chasing open queries before an interim database lock;"
        " activating four new sites for a phase III oncology trial;"
        " retraining site staff after a cluster of consent deviations;"
        " reconciling the drug accountability logs ahead of a sponsor audit;"
        " preparing the trial master file for an inspection;"
        " recovering enrolment at underperforming sites;"
        " updating the visit schedule after protocol amendment 3;"
        " closing out a completed cardiology study;"
        " compiling the safety listings for the data safety monitoring board;"
        " negotiating per-patient budgets with hospital sites",
    ),
    _fam(
        id="nursing_care",
        label="Nursing & care",
        roles="intern: student nurse | junior: newly qualified nurse, healthcare assistant | mid: registered nurse,"
        " staff nurse | senior: senior staff nurse, clinical nurse specialist | lead: charge nurse, ward sister"
        " | manager: nurse manager, care home manager | director: director of nursing | executive: chief nursing"
        " officer",
        titles="nurse; midwife; caregiver; carer; care worker; nursing assistant; nurse practitioner; home care aide",
        keywords="nurse; nurses; nursing; midwi*; ward; care home; caregiver*; carer; patient care; bedside; shift;"
        " rota; home care; elderly care; triage; krankenpfleg*; pflegekraft; pflege; krankenschwester; infirmi*;"
        " aide-soignant*; soins; enfermer*; enfermagem; infermier*; assistenza sanitaria; 护士; 看護; 간호",
        industries="healthcare; public_sector; nonprofit",
        key_metrics="nurse-to-patient ratio; falls per 1,000 bed days; pressure ulcer incidence; medication errors;"
        " bed occupancy %; staff vacancy rate; agency spend; sickness absence %; hand hygiene compliance %;"
        " average length of stay; patient satisfaction score",
        spreadsheet_kinds="ward staffing rota; annual leave planner; mandatory training compliance matrix;"
        " incident log; falls audit; hand hygiene audit; bed state report; agency shift tracker;"
        " controlled drugs check log; skill-mix plan",
        spreadsheet_columns="date; shift (early/late/night); staff name; band; ward; bed no.; patient initials;"
        " NEWS2 score; incident type; harm level; training module; due date; status; hours; agency (Y/N)",
        report_types="ward quality dashboard commentary; incident investigation report; staffing business case;"
        " patient safety huddle notes; care plan template review; audit action plan; handover sheet;"
        " nursing competency framework",
        recurring_meetings="daily safety huddle; shift handover; matrons' meeting; ward governance meeting;"
        " infection control committee; staff appraisal; rota planning meeting",
        jargon="NEWS2; care plan; handover; obs; MAR chart; discharge planning; pressure area care; Datix; bank shift;"
        " skill mix; safeguarding; duty of candour; falls bundle",
        units="patients; beds; hours; shifts; WTE; mg; mL; %",
        tools="Epic; Cerner; Allocate HealthRoster; Datix; e-learning portal; Excel rota template",
        collaborators="ward matron; consultant physician; pharmacist; physiotherapist; discharge coordinator;"
        " infection control nurse; bank staff office; social worker",
        focuses="rebuilding the night-shift rota after two resignations;"
        " leading a falls-reduction audit on an elderly care ward;"
        " preparing the ward for an unannounced quality inspection;"
        " bringing mandatory training compliance back above 90 percent;"
        " introducing a new handover template across three wards;"
        " cutting agency shifts by growing the bank pool;"
        " investigating a medication error and writing the action plan;"
        " mentoring student nurses through their final placement;"
        " planning winter bed capacity with the site team;"
        " rolling out electronic observations on the unit",
    ),
    _fam(
        id="medicine",
        label="Medicine & clinical practice",
        roles="intern: medical student | junior: junior doctor, resident physician | mid: general practitioner,"
        " hospital physician | senior: consultant physician, attending physician | lead: clinical lead, lead"
        " consultant | manager: practice manager | director: clinical director, medical director | executive: chief"
        " medical officer",
        titles="doctor; physician; surgeon; GP; pediatrician; paediatrician; cardiologist; psychiatrist; radiologist;"
        " anaesthetist; anesthesiologist; dentist; pharmacist; physiotherapist; veterinarian; optometrist;"
        " psychologist; clinical psychologist; psychotherapist; psychiatrist; mental health counsellor;"
        " mental health counselor; therapist",
        keywords="doctor; physician*; surgeon*; surgery; clinic; clinical practice; outpatient*; patient*; GP practice;"
        " psycholog*; psychotherap*; psychiatr*; therapy; therapist*; mental health; PTSD; trauma; bereavement;"
        " medical; medicine; diagnos*; prescrib*; hospital; arzt; ärztin; praxis; medizin*; médecin*; chirurgien;"
        " médico; médica; medicina; medico; 医生; 医師; 医者; 의사",
        industries="healthcare; public_sector; higher_education",
        key_metrics="patients seen per session; waiting list size; 18-week referral-to-treatment %; readmission rate;"
        " clinic DNA rate; average consultation length; prescribing cost per patient; audit compliance %;"
        " length of stay; theatre utilisation %",
        spreadsheet_kinds="clinic list; waiting list tracker; clinical audit data sheet; on-call rota;"
        " prescribing audit; referral log; theatre schedule; CPD log; morbidity and mortality case log",
        spreadsheet_columns="MRN; patient initials; age; referral date; priority; diagnosis (ICD-10); procedure;"
        " clinic date; outcome; follow-up; consultant; audit standard; met (Y/N); notes",
        report_types="clinic letter; discharge summary; clinical audit report; M&M presentation; referral guideline;"
        " service improvement proposal; teaching slides for residents; case report manuscript",
        recurring_meetings="morning board round; multidisciplinary team (MDT) meeting; M&M conference;"
        " grand rounds; clinical governance meeting; practice partners' meeting",
        jargon="MDT; differential diagnosis; ICD-10; SNOMED; referral-to-treatment; DNA; on-call; ward round;"
        " sepsis bundle; NICE guideline; audit cycle; CPD points",
        units="mg; mmol/L; mmHg; bpm; patients; minutes; weeks; %",
        tools="Epic; Cerner; EMIS Web; SystmOne; PACS viewer; UpToDate; Excel",
        collaborators="specialist nurse; registrar; pharmacist; radiographer; practice manager; medical secretary;"
        " clinical coder; hospital manager",
        focuses="reducing the outpatient waiting list in the rheumatology clinic;"
        " running a re-audit of sepsis antibiotic timing;"
        " preparing a morbidity and mortality presentation;"
        " setting up a nurse-led follow-up clinic;"
        " rewriting the local referral guideline for chest pain;"
        " teaching a cohort of first-year residents;"
        " leading a quality improvement project on discharge letters;"
        " covering extra weekend clinics during a staffing gap",
    ),
    _fam(
        id="software_engineering",
        label="Software engineering",
        roles="intern: software engineering intern | junior: junior software developer, graduate engineer"
        " | mid: software engineer, backend developer, frontend developer | senior: senior software engineer,"
        " senior backend engineer | lead: tech lead, staff engineer | manager: engineering manager"
        " | director: director of engineering, head of platform | executive: chief technology officer,"
        " vice president of engineering",
        titles="developer; programmer; software engineer; web developer; mobile developer; devops engineer;"
        " site reliability engineer; SRE; QA engineer; test automation engineer; firmware engineer",
        keywords="software; developer*; programm*; coding; coder; code review*; backend; frontend; full-stack;"
        " devops; kubernetes; microservice*; API; CI/CD; sprint; pull request*; python; java; javascript;"
        " typescript; golang; rust; softwareentwickl*; entwickler*; programmierer*; développeur*; logiciel;"
        " desarrollador*; programador*; desenvolvedor*; sviluppatore; 程序员; 软件; 開発者; エンジニア; 개발자",
        industries="technology; financial_services; telecommunications; media_publishing; retail_ecommerce;"
        " automotive; healthcare",
        key_metrics="deployment frequency; lead time for changes; change failure rate; mean time to recovery (MTTR);"
        " p95 latency (ms); error rate; test coverage %; open bugs by severity; sprint velocity (story points);"
        " uptime/SLO %; cloud cost per month; build time",
        spreadsheet_kinds="sprint capacity plan; bug triage list; on-call rota; cloud cost breakdown;"
        " load test results; dependency upgrade tracker; incident log; estimation sheet; release checklist;"
        " hiring pipeline for engineers",
        spreadsheet_columns="ticket; epic; story points; assignee; status; priority; component; service; p50 (ms);"
        " p95 (ms); error %; release; environment; incident severity; start (UTC); duration (min); root cause",
        report_types="design document (RFC); post-incident review; architecture decision record;"
        " quarterly engineering roadmap deck; release notes; API specification; migration plan;"
        " on-call handbook; tech debt proposal; performance test report",
        recurring_meetings="daily stand-up; sprint planning; sprint retrospective; architecture review;"
        " incident review; one-to-one with engineering manager; backlog refinement; on-call handover",
        jargon="PR; merge conflict; feature flag; canary release; rollback; SLO/SLI; tech debt; monorepo;"
        " idempotent; race condition; observability; blue-green deployment; schema migration",
        units="ms; requests/s; GB; vCPU; story points; % uptime; USD/month",
        tools="GitHub; GitLab; Jira; Confluence; Kubernetes; Terraform; Grafana; Datadog; PagerDuty; VS Code",
        collaborators="product manager; UX designer; QA engineer; site reliability engineer; security engineer;"
        " engineering manager; data engineer; customer support lead",
        focuses="splitting a monolith's billing module into a separate service;"
        " cutting p95 API latency ahead of a traffic peak;"
        " migrating CI pipelines from Jenkins to GitHub Actions;"
        " writing the design document for a new notification service;"
        " paying down test debt in a legacy payments codebase;"
        " upgrading the main database to a new major version;"
        " running the post-incident review for a weekend outage;"
        " onboarding two new developers onto the mobile app;"
        " introducing feature flags for safer releases;"
        " reducing the monthly cloud bill by right-sizing clusters",
    ),
    _fam(
        id="data_analytics",
        label="Data & analytics",
        roles="intern: data analyst intern | junior: junior data analyst, reporting analyst | mid: data analyst,"
        " BI developer, analytics engineer | senior: senior data analyst, senior data scientist"
        " | lead: lead data scientist, principal analyst | manager: analytics manager, data science manager"
        " | director: director of data and analytics | executive: chief data officer",
        titles="data analyst; data scientist; data engineer; BI analyst; statistician; machine learning engineer;"
        " analytics engineer; quantitative analyst",
        keywords="data analy*; data science; data scientist*; analytics; dashboard*; business intelligence; SQL;"
        " machine learning; statistic*; data engineer*; data warehouse; KPI reporting; datenanaly*;"
        " datenwissenschaft*; analyste de données; science des données; analista de datos; ciencia de datos;"
        " analista de dados; ciência de dados; analista dati; 数据分析; データ分析; 데이터 분석",
        industries="technology; retail_ecommerce; financial_services; telecommunications; healthcare; insurance;"
        " media_publishing; consumer_goods",
        key_metrics="conversion rate; churn rate; customer lifetime value; cohort retention; model AUC;"
        " forecast MAPE; data freshness (hours); dashboard adoption (weekly users); query cost; A/B test uplift;"
        " statistical power; null rate per column",
        spreadsheet_kinds="KPI definitions catalogue; A/B test results; cohort retention table; data quality checks;"
        " dashboard request backlog; model evaluation results; metric reconciliation; sample size calculator;"
        " data dictionary; forecast vs. actual",
        spreadsheet_columns="metric; definition; owner; source table; refresh; week; cohort; users; retained %;"
        " variant; sample size; conversion %; uplift %; p-value; CI lower; CI upper; model version; AUC",
        report_types="analysis write-up; A/B test readout; monthly KPI deck; data model documentation;"
        " model card; forecast methodology note; churn deep-dive; data quality incident report; dashboard user guide",
        recurring_meetings="weekly metrics review; experiment review; data team stand-up; stakeholder intake;"
        " model review board; data governance forum",
        jargon="ETL; ELT; star schema; dbt model; cohort; uplift; p-value; confidence interval; feature engineering;"
        " overfitting; backfill; data lineage; semantic layer; SCD type 2",
        units="%; users; sessions; rows; GB; hours; USD; percentage points",
        tools="SQL; Python (pandas); R; dbt; Snowflake; BigQuery; Tableau; Power BI; Looker; Jupyter; Airflow",
        collaborators="product manager; marketing manager; data engineer; finance analyst; software engineer;"
        " head of growth; data protection officer",
        focuses="rebuilding the weekly KPI dashboard on a new semantic layer;"
        " analysing why trial-to-paid conversion dropped last quarter;"
        " designing the readout for a pricing A/B test;"
        " reconciling revenue numbers between finance and the data warehouse;"
        " building a churn prediction model for the retention team;"
        " documenting the data dictionary for the customer tables;"
        " forecasting call-centre volumes for next year;"
        " cleaning up duplicated metrics across forty dashboards;"
        " migrating reports from spreadsheets to Power BI;"
        " measuring the impact of a loyalty programme",
    ),
    _fam(
        id="marketing",
        label="Marketing",
        roles="intern: marketing intern | junior: marketing assistant, junior content marketer"
        " | mid: marketing manager, digital marketing specialist, content marketing manager"
        " | senior: senior marketing manager, senior brand manager | lead: campaign lead, growth marketing lead"
        " | manager: head of marketing, brand manager | director: marketing director, director of demand generation"
        " | executive: chief marketing officer",
        titles="marketer; brand manager; content marketer; SEO specialist; social media manager; copywriter;"
        " campaign manager; growth marketer; product marketing manager",
        keywords="marketing; brand; branding; campaign*; SEO; SEM; social media; content strategy; advertising;"
        " go-to-market; lead generation; demand generation; newsletter*; influencer*; marketingmanager*;"
        " werbung; kampagne*; marque; publicité; mercadotecnia; mercadeo; publicidad; campaña*; publicidade;"
        " campanha*; pubblicità; 营销; 市场营销; マーケティング; 마케팅",
        industries="consumer_goods; retail_ecommerce; technology; hospitality_tourism; media_publishing;"
        " financial_services; food_agriculture; automotive",
        key_metrics="cost per lead (CPL); customer acquisition cost (CAC); return on ad spend (ROAS);"
        " marketing qualified leads (MQLs); click-through rate (CTR); email open rate; organic sessions;"
        " share of voice; brand awareness %; pipeline influenced; cost per mille (CPM); conversion rate",
        spreadsheet_kinds="campaign budget tracker; content calendar; media plan; lead funnel report;"
        " SEO keyword tracker; event ROI sheet; social media analytics export; agency invoice log;"
        " competitor pricing scan; UTM link builder",
        spreadsheet_columns="campaign; channel; start date; end date; budget; spend; impressions; clicks; CTR;"
        " leads; MQLs; CPL; ROAS; audience; UTM source; owner; status; publish date",
        report_types="campaign brief; quarterly marketing plan deck; brand guidelines; campaign performance report;"
        " creative brief for the agency; go-to-market plan; competitor analysis; press release draft;"
        " customer case study; persona research summary",
        recurring_meetings="weekly campaign stand-up; agency status call; content planning meeting;"
        " marketing-sales alignment (SLA) review; quarterly business review; brand council",
        jargon="funnel; MQL/SQL; attribution; retargeting; lookalike audience; A/B variant; landing page;"
        " evergreen content; tone of voice; share of wallet; GTM; CPM; UTM parameters",
        units="EUR; USD; GBP; impressions; clicks; leads; %; CPM",
        tools="HubSpot; Salesforce Marketing Cloud; Google Analytics 4; Google Ads; Meta Ads Manager; Canva;"
        " Semrush; Mailchimp; Hootsuite; WordPress",
        collaborators="creative agency; sales director; product manager; PR agency; graphic designer;"
        " web developer; finance business partner; events coordinator",
        focuses="planning the spring product launch campaign across four markets;"
        " cutting cost per lead on paid search;"
        " rewriting the brand guidelines after a logo refresh;"
        " building a content calendar for the new blog;"
        " briefing an agency on a TV and online video campaign;"
        " proving the pipeline impact of last quarter's trade shows;"
        " setting up marketing automation nurture flows;"
        " consolidating social media accounts across regions;"
        " preparing the annual marketing budget proposal;"
        " running customer interviews for new customer personas",
    ),
    _fam(
        id="sales",
        label="Sales & business development",
        roles="intern: sales intern | junior: sales development representative, inside sales representative"
        " | mid: account executive, account manager | senior: senior account executive, key account manager"
        " | lead: sales team lead, strategic account lead | manager: regional sales manager, sales manager"
        " | director: sales director, director of business development | executive: chief revenue officer,"
        " vice president of sales",
        titles="salesperson; sales representative; account executive; account manager; business developer;"
        " sales engineer; presales consultant; territory manager",
        keywords="sales; selling; account executive; quota; pipeline; prospect*; deal*; CRM; territor*;"
        " business development; key account*; cold call*; upsell*; vertrieb; verkauf*; außendienst;"
        " vente*; commercial; commerciale; ventas; vendedor*; vendas; vendite; venditore; 销售; 営業; 영업",
        industries="technology; manufacturing; consumer_goods; financial_services; telecommunications;"
        " pharma_biotech; logistics_transport; media_publishing",
        key_metrics="quota attainment %; annual contract value (ACV); pipeline coverage (x); win rate;"
        " average deal size; sales cycle length (days); bookings; net revenue retention; discount %;"
        " forecast accuracy; meetings booked; churned revenue",
        spreadsheet_kinds="sales pipeline export; quarterly forecast roll-up; territory plan; account plan;"
        " commission calculation; price quote calculator; lost-deal analysis; top-accounts list;"
        " call activity tracker; discount approval log",
        spreadsheet_columns="account; opportunity; stage; close date; ACV; probability %; weighted value; owner;"
        " next step; region; product; discount %; competitor; forecast category; last activity",
        report_types="quarterly business review deck; account plan; proposal; quote; forecast commentary;"
        " win/loss analysis; territory plan; customer reference request; sales playbook; RFP response",
        recurring_meetings="weekly pipeline review; forecast call; deal desk; customer QBR; sales kick-off;"
        " one-to-one with sales manager; account planning workshop",
        jargon="pipeline coverage; commit vs. best case; MEDDIC; champion; decision maker; procurement stage;"
        " upsell; cross-sell; churn; land and expand; RFP; POC; redline",
        units="EUR; USD; GBP; ACV; ARR; deals; days; %",
        tools="Salesforce; HubSpot CRM; Microsoft Dynamics 365; LinkedIn Sales Navigator; Gong; DocuSign;"
        " Excel; PowerPoint",
        collaborators="sales engineer; deal desk analyst; legal counsel; customer success manager;"
        " marketing manager; finance controller; channel partner",
        focuses="closing two enterprise renewals before quarter end;"
        " rebuilding the territory plan after a regional reorganisation;"
        " answering a 200-question public-sector RFP;"
        " cleaning up a stale pipeline before the forecast call;"
        " negotiating a multi-year framework agreement with a retailer;"
        " onboarding a new distributor in the Nordics;"
        " preparing the quarterly business review for the largest account;"
        " reworking the commission plan spreadsheet;"
        " expanding into mid-market accounts with a new offer;"
        " analysing lost deals against the main competitor",
    ),
    _fam(
        id="hr_people",
        label="HR & people",
        roles="intern: HR intern | junior: HR assistant, recruitment coordinator | mid: HR generalist, recruiter,"
        " HR business partner | senior: senior HR business partner, senior talent acquisition specialist"
        " | lead: people operations lead, talent acquisition lead | manager: HR manager, compensation and benefits"
        " manager"
        " | director: HR director, director of people | executive: chief people officer",
        titles="recruiter; HR manager; talent acquisition specialist; HR business partner; payroll administrator;"
        " learning and development specialist; compensation analyst; people partner",
        keywords="human resources; HR; recruit*; hiring; talent acquisition; onboarding; employee*; workforce;"
        " compensation; benefits; performance review*; headcount; learning and development; personalabteilung;"
        " personalwesen; personalreferent*; ressources humaines; recrutement; recursos humanos;"
        " reclutamiento; recrutamento; risorse umane; selezione del personale; 人力资源; 人事; 인사",
        industries="technology; manufacturing; retail_ecommerce; healthcare; financial_services; public_sector;"
        " professional_services; hospitality_tourism",
        key_metrics="time to hire (days); cost per hire; offer acceptance rate; voluntary attrition %;"
        " employee engagement score; absence rate; headcount vs. plan; gender pay gap %; training hours per FTE;"
        " internal mobility rate; span of control; eNPS",
        spreadsheet_kinds="headcount report; recruitment pipeline tracker; salary benchmarking; annual pay review"
        " model;"
        " absence tracker; onboarding checklist; training plan; org chart data; exit interview log;"
        " performance rating calibration sheet",
        spreadsheet_columns="employee ID; name; department; job title; grade; manager; start date; FTE; base salary;"
        " bonus %; rating; compa-ratio; requisition ID; stage; candidate; source; offer date; leave type; days",
        report_types="people dashboard commentary; job description; offer letter; employee handbook section;"
        " engagement survey results deck; pay review proposal; disciplinary investigation report;"
        " workforce plan; policy update memo; training needs analysis",
        recurring_meetings="weekly hiring sync; calibration session; works council meeting; HR team meeting;"
        " monthly people review with the leadership team; onboarding session; exit interview",
        jargon="requisition; headcount; FTE; compa-ratio; pay band; calibration; PIP; probation period; notice period;"
        " works council; employer branding; eNPS; succession planning; 9-box grid",
        units="FTE; headcount; days; EUR; GBP; USD; % attrition; hours",
        tools="Workday; SAP SuccessFactors; Personio; BambooHR; Greenhouse; LinkedIn Recruiter; Culture Amp; Excel",
        collaborators="hiring manager; payroll provider; works council chair; finance business partner;"
        " employment lawyer; recruitment agency; department head; CEO",
        focuses="running the annual pay review for 600 employees;"
        " hiring twenty engineers for a new site;"
        " rolling out a new performance review process;"
        " analysing exit interviews after a spike in attrition;"
        " negotiating a restructuring plan with the works council;"
        " preparing the gender pay gap report;"
        " moving personnel files into a new HR system;"
        " redesigning the onboarding programme for remote hires;"
        " updating the employee handbook for hybrid work;"
        " benchmarking salaries for hard-to-fill roles",
    ),
    _fam(
        id="legal_compliance",
        label="Legal & compliance",
        roles="intern: legal intern, trainee solicitor | junior: paralegal, junior associate | mid: associate lawyer,"
        " legal counsel, compliance officer | senior: senior associate, senior legal counsel"
        " | lead: lead counsel, compliance lead | manager: legal manager, compliance manager"
        " | director: general counsel, head of compliance | executive: chief legal officer, managing partner",
        titles="lawyer; attorney; solicitor; barrister; paralegal; legal counsel; notary; compliance officer;"
        " data protection officer; contract manager; legal secretary",
        keywords="legal; law firm; lawyer*; attorney*; solicitor*; counsel; litigation; contract review;"
        " compliance; GDPR; regulatory; due diligence; paralegal*; NDA; anwalt; anwältin; rechtsanwalt*;"
        " jurist*; kanzlei; avocat*; juriste; droit; abogad*; jurídico; advogad*; avvocat*; legale; 律师; 弁護士;"
        " 변호사",
        industries="professional_services; financial_services; technology; public_sector; pharma_biotech;"
        " real_estate; energy_utilities",
        key_metrics="contracts reviewed per month; contract turnaround time (days); billable hours;"
        " matters open; litigation exposure; external counsel spend; compliance training completion %;"
        " data subject requests closed in time; audit findings open; policy attestation rate",
        spreadsheet_kinds="matter list; contract register; litigation tracker; billable hours log;"
        " external counsel budget; GDPR record of processing activities; compliance risk register;"
        " due diligence checklist; NDA log; policy review calendar",
        spreadsheet_columns="matter no.; client; counterparty; contract type; effective date; expiry date;"
        " renewal notice (days); governing law; liability cap; status; owner; risk rating; hours; rate;"
        " fees; deadline; court",
        report_types="legal memo; contract redline; due diligence report; board compliance report;"
        " data protection impact assessment (DPIA); policy draft; litigation status update; advice letter;"
        " regulatory change briefing; training deck on anti-bribery",
        recurring_meetings="weekly legal team meeting; deal call with counterparty counsel; compliance committee;"
        " client meeting; court hearing; partner review",
        jargon="indemnity; limitation of liability; force majeure; governing law; redline; NDA; MSA; SOW;"
        " privilege; discovery; KYC; AML; DPIA; whistleblowing; data processing agreement",
        units="hours; EUR; USD; GBP; days; contracts; matters",
        tools="iManage; NetDocuments; Clio; DocuSign; Westlaw; LexisNexis; OneTrust; Microsoft Word with track changes",
        collaborators="partner; client general counsel; opposing counsel; compliance analyst; procurement manager;"
        " data protection officer; court clerk; finance director",
        focuses="negotiating a master services agreement with a cloud provider;"
        " running due diligence for a small acquisition;"
        " updating the record of processing activities for GDPR;"
        " preparing witness statements for an employment tribunal;"
        " rolling out anti-bribery training to sales teams;"
        " reviewing 300 supplier contracts for change-of-control clauses;"
        " answering a regulator's information request;"
        " drafting the new whistleblowing policy;"
        " tracking renewal deadlines in the contract register;"
        " advising on the data processing agreement for a new vendor",
    ),
    _fam(
        id="education_teaching",
        label="Education & teaching",
        roles="intern: student teacher | junior: newly qualified teacher, teaching assistant | mid: teacher,"
        " secondary school teacher, primary school teacher | senior: senior teacher, head of year | lead: head of"
        " department, curriculum lead | manager: deputy head teacher, assistant principal | director: head teacher,"
        " school principal | executive: executive head teacher",
        titles="teacher; tutor; lecturer; instructor; school teacher; special educational needs coordinator;"
        " SENCO; early years educator; language teacher; trainer",
        keywords="teacher*; teaching; school; classroom; curriculum; lesson plan*; grading; exam*;"
        " kindergarten; tutor*; lehrer*; lehrerin; schule; unterricht; enseignant*; professeur*; école;"
        " profesor*; maestr*; escuela; professor*; escola; insegnante; docente; scuola; 教师; 老师; 教師; 先生; 교사",
        industries="education; public_sector; nonprofit",
        key_metrics="attendance %; attainment by subject; progress score; reading age; exam pass rate;"
        " homework completion %; behaviour incidents; class size; pupils with SEN support; predicted vs. actual grades",
        spreadsheet_kinds="markbook; class seating plan; attendance register export; assessment tracker;"
        " predicted grades sheet; intervention group list; trip budget and consent tracker;"
        " department budget; cover timetable; exam entries list",
        spreadsheet_columns="pupil; class; form; term; assessment; mark; grade; target grade; predicted grade;"
        " attendance %; SEN (Y/N); FSM (Y/N); intervention; notes; date",
        report_types="lesson plan; scheme of work; end-of-term report comments; parents' evening notes;"
        " department improvement plan; exam analysis report; school trip risk assessment; worksheet;"
        " curriculum map; staff training slides",
        recurring_meetings="department meeting; parents' evening; staff briefing; pastoral meeting;"
        " moderation session; governors' meeting; year-group assembly",
        jargon="scheme of work; differentiation; formative assessment; moderation; intervention; SEN; EHCP;"
        " safeguarding; learning objective; retrieval practice; mock exams; cover lesson",
        units="marks; grades; %; pupils; periods; weeks; terms",
        tools="Google Classroom; Microsoft Teams for Education; SIMS; Arbor; Moodle; Kahoot; Excel markbook",
        collaborators="head of department; teaching assistant; SENCO; parent; exam officer; head teacher;"
        " school business manager; educational psychologist",
        focuses="rewriting the year 9 science scheme of work;"
        " preparing mock exam analysis for the department;"
        " planning a field trip with risk assessments;"
        " running reading interventions for a small group;"
        " moderating coursework marks with a partner school;"
        " writing end-of-term reports for four classes;"
        " introducing retrieval practice across the department;"
        " preparing for a school inspection;"
        " building an online question bank for revision;"
        " mentoring a student teacher on placement",
    ),
    _fam(
        id="academic_research",
        label="Academic research",
        roles="intern: undergraduate research assistant | junior: PhD candidate, research assistant"
        " | mid: postdoctoral researcher, research fellow | senior: senior research fellow, associate professor"
        " | lead: principal investigator, group leader | manager: research programme manager, lab manager"
        " | director: institute director, professor and department chair | executive: vice-rector for research",
        titles="researcher; scientist; professor; postdoc; PhD student; doctoral student; research fellow;"
        " lecturer; academic; lab technician",
        keywords="research*; university; academic; PhD; doctoral; postdoc*; laboratory; lab; professor*;"
        " publication*; peer review; grant proposal*; thesis; dissertation; journal; forschung; forscher*;"
        " wissenschaftler*; universität; doktorand*; chercheur*; recherche; université; doctorant*;"
        " investigador*; investigación; universidad; pesquisador*; pesquisa; universidade; ricercat*; ricerca;"
        " università; 研究; 大学; 연구",
        industries="higher_education; pharma_biotech; public_sector; nonprofit; healthcare",
        key_metrics="publications per year; citations; h-index; grant income; acceptance rate; samples processed;"
        " experiment success rate; instrument hours booked; students supervised; open-access share",
        spreadsheet_kinds="experiment log; sample inventory; grant budget; literature review matrix;"
        " reagent order list; instrument booking sheet; data analysis results; publication list;"
        " student supervision tracker; conference deadlines",
        spreadsheet_columns="sample ID; date; condition; replicate; concentration; measurement; SD; n; p-value;"
        " reference; year; journal; DOI; budget line; committed; spent; remaining; deadline",
        report_types="journal manuscript; grant proposal; progress report to the funder; conference poster;"
        " conference talk slides; thesis chapter; ethics application; data management plan;"
        " peer review report; lab protocol",
        recurring_meetings="weekly lab meeting; journal club; supervisor meeting; departmental seminar;"
        " project consortium call; thesis committee meeting",
        jargon="preprint; peer review; revise and resubmit; impact factor; work package; deliverable; milestone;"
        " replicate; control group; statistical significance; data management plan; open access; embargo",
        units="µL; mg/mL; °C; nm; n; %; EUR; hours",
        tools="LaTeX; Overleaf; Zotero; R; Python; MATLAB; GraphPad Prism; SPSS; electronic lab notebook; Excel",
        collaborators="supervisor; co-author; lab technician; grants office officer; funder programme officer;"
        " journal editor; PhD student; ethics board",
        focuses="revising a manuscript after a second round of peer review;"
        " writing a three-year grant proposal to a national funder;"
        " analysing a year of field measurements for a thesis chapter;"
        " preparing a poster for an international conference;"
        " reorganising the lab's sample inventory;"
        " reporting progress on a multi-partner research project;"
        " supervising two master's students' projects;"
        " replicating a key experiment with new controls;"
        " writing the data management plan for a new project;"
        " preparing teaching slides for an undergraduate module",
    ),
    _fam(
        id="civil_structural_engineering",
        label="Civil & structural engineering",
        roles="intern: civil engineering intern | junior: graduate civil engineer, junior structural engineer | mid:"
        " civil engineer, structural engineer, site engineer | senior: senior structural engineer, senior civil"
        " engineer | lead: lead structural engineer, resident engineer | manager: infrastructure engineering"
        " manager, construction manager | director: technical director, director of structural engineering |"
        " executive: chief engineer",
        titles="civil engineer; structural engineer; geotechnical engineer; site engineer; quantity surveyor;"
        " surveyor; construction engineer; bridge engineer; highway engineer; water engineer",
        keywords="civil engineer*; structural engineer*; structural; geotechnical; bridge*; highway*; infrastructure;"
        " construction site; site engineer; concrete; steelwork; drainage; quantity survey*; bauingenieur*;"
        " tragwerk*; statiker*; ingénieur civil; génie civil; ingeniero civil; ingeniería civil;"
        " engenheiro civil; engenharia civil; ingegnere civile; ingegneria civile; 土木; 结构工程; 건설",
        industries="construction; public_sector; energy_utilities; logistics_transport; real_estate",
        key_metrics="cost to complete; earned value (CPI/SPI); RFIs open; design change count; concrete strength (MPa);"
        " deflection limit (span/360); utilisation ratio; programme float (days); snag items open;"
        " lost-time injury rate",
        spreadsheet_kinds="load calculation; bill of quantities; RFI log; design change register;"
        " concrete pour schedule; cost plan; site diary summary; drawing register; inspection and test plan;"
        " risk register",
        spreadsheet_columns="element; grid line; level; load case; load (kN); moment (kNm); utilisation; section;"
        " material grade; quantity; unit; rate; amount; RFI no.; raised by; date raised; response due; status;"
        " drawing no.; revision",
        report_types="structural calculation package; design basis report; site inspection report;"
        " method statement; value engineering proposal; temporary works design; condition survey report;"
        " feasibility study; construction phase plan",
        recurring_meetings="weekly site progress meeting; design coordination meeting; client progress review;"
        " health and safety walk; value engineering workshop; contractor interface meeting",
        jargon="Eurocode; load combination; ULS/SLS; RFI; BIM; clash detection; method statement; temporary works;"
        " as-built; snagging; variation order; float; critical path; NEC4",
        units="kN; kNm; MPa; mm; m; m³; tonnes; EUR; days",
        tools="AutoCAD; Revit; Tekla Structures; ETABS; SAP2000; Robot Structural Analysis; Primavera P6;"
        " Navisworks; Excel",
        collaborators="architect; main contractor; quantity surveyor; MEP engineer; client project manager;"
        " building control officer; geotechnical consultant; site manager",
        focuses="checking the transfer slab design for a mixed-use tower;"
        " closing out RFIs on a motorway bridge widening;"
        " preparing the bill of quantities for a school extension;"
        " assessing the condition of a 1960s car park;"
        " coordinating the BIM model with the MEP designers;"
        " designing temporary works for a deep basement;"
        " running value engineering on a warehouse frame;"
        " supervising concrete pours on a water treatment plant;"
        " updating the cost plan after design changes;"
        " writing method statements for a rail underpass",
    ),
    _fam(
        id="architecture",
        label="Architecture",
        roles="intern: architecture intern, Part 1 architectural assistant | junior: architectural assistant, junior"
        " architect | mid: architect, project architect | senior: senior architect, senior project architect | lead:"
        " lead architect, associate architect | manager: architecture studio manager | director: director of"
        " architecture | executive: founding partner and architect",
        titles="architect; landscape architect; urban planner; interior architect; architectural technologist;"
        " urban designer",
        keywords="architect; architects; architecture; architectural; building design; floor plan*; planning"
        " application*;"
        " facade; façade; masterplan*; urban design; interior design; landscape architect*; architekt*;"
        " architecte*; arquitect*; arquitetura; architett*; 建筑师; 建築家; 건축",
        industries="construction; real_estate; public_sector; professional_services; hospitality_tourism",
        key_metrics="fee earned vs. fee budget; hours by RIBA stage; gross internal area (GIA); net-to-gross ratio;"
        " cost per m²; drawing issue count; planning approval time; energy performance (kWh/m²/yr);"
        " embodied carbon (kgCO2e/m²); design changes after stage 4",
        spreadsheet_kinds="area schedule; room data sheet; drawing issue register; fee tracker; door schedule;"
        " finishes schedule; planning conditions tracker; project programme; consultant contact list;"
        " sustainability checklist",
        spreadsheet_columns="room no.; room name; level; area (m²); GIA; NIA; use class; finish (floor/wall/ceiling);"
        " door type; fire rating; drawing no.; title; scale; revision; status code; issue date; stage; fee; hours",
        report_types="design and access statement; feasibility study; stage report; planning application package;"
        " competition boards; client presentation deck; specification; sustainability statement;"
        " post-occupancy evaluation",
        recurring_meetings="design team meeting; client design review; planning pre-application meeting;"
        " studio crit; site visit; contractor technical query review",
        jargon="RIBA stages; GIA/NIA; massing; section; elevation; detailing; planning condition; value engineering;"
        " BIM level 2; fire strategy; daylight analysis; Passivhaus; CDM",
        units="m²; m; mm; kWh/m²/yr; kgCO2e/m²; EUR/m²; hours",
        tools="Revit; ArchiCAD; AutoCAD; Rhino; SketchUp; Enscape; Adobe InDesign; Photoshop; NBS Chorus",
        collaborators="structural engineer; client development manager; planning consultant; quantity surveyor;"
        " MEP engineer; landscape architect; contractor design manager; interior designer",
        focuses="preparing a planning application for forty affordable homes;"
        " developing stage 3 drawings for a primary school;"
        " entering a design competition for a public library;"
        " coordinating facade details with the contractor;"
        " updating the area schedule after a client brief change;"
        " running daylight studies for a residential block;"
        " producing a post-occupancy evaluation of an office refurbishment;"
        " assembling the specification for a hotel fit-out",
    ),
    _fam(
        id="product_management",
        label="Product management",
        roles="intern: product management intern | junior: associate product manager | mid: product manager,"
        " product owner | senior: senior product manager | lead: group product manager, principal product manager"
        " | manager: product lead | director: director of product management | executive: chief product officer",
        titles="product manager; product owner; product lead; product analyst; product operations manager",
        keywords="product manager*; product management; product owner*; roadmap*; user stor*; feature*;"
        " discovery; product strategy; backlog; OKR*; product launch; produktmanag*; chef de produit;"
        " gerente de producto; gerente de produto; responsabile di prodotto; 产品经理; プロダクトマネージャー;"
        " 기획자",
        industries="technology; financial_services; retail_ecommerce; telecommunications; media_publishing;"
        " healthcare; automotive",
        key_metrics="monthly active users (MAU); activation rate; feature adoption %; retention (D30); NPS;"
        " time to value; conversion to paid; support tickets per feature; roadmap delivery %; revenue per user",
        spreadsheet_kinds="roadmap; feature prioritisation (RICE) sheet; competitor feature matrix;"
        " user interview log; launch checklist; OKR tracker; pricing model; beta customer list;"
        " release calendar; feedback tracker",
        spreadsheet_columns="feature; problem; reach; impact; confidence; effort; RICE score; priority; quarter;"
        " status; owner; customer; segment; request count; objective; key result; target; current",
        report_types="product requirements document (PRD); one-pager; product strategy deck; launch plan;"
        " release notes; customer research synthesis; quarterly OKR review; pricing proposal;"
        " competitive analysis; go/no-go memo",
        recurring_meetings="sprint review; roadmap review; customer interview; product council;"
        " launch readiness review; design critique; weekly product-engineering sync",
        jargon="MVP; PRD; jobs to be done; north-star metric; RICE; discovery; delivery; beta; GA; dogfooding;"
        " product-market fit; churn; epic; acceptance criteria",
        units="users; %; sessions; USD; EUR; weeks; story points",
        tools="Jira; Productboard; Aha!; Figma; Amplitude; Mixpanel; Notion; Confluence; Miro",
        collaborators="engineering lead; UX designer; data analyst; product marketing manager;"
        " customer success manager; sales director; support lead",
        focuses="defining the MVP for a self-service onboarding flow;"
        " reprioritising the roadmap after a large customer's feedback;"
        " writing the PRD for usage-based pricing;"
        " synthesising twenty customer interviews;"
        " planning the general availability launch of a mobile app;"
        " setting next quarter's OKRs with engineering;"
        " analysing feature adoption after the last release;"
        " sunsetting a legacy reporting module",
    ),
    _fam(
        id="project_program_management",
        label="Project & programme management",
        roles="intern: PMO intern | junior: project coordinator, PMO analyst | mid: project manager,"
        " delivery manager | senior: senior project manager | lead: programme lead, lead project manager"
        " | manager: programme manager, PMO manager | director: portfolio director, director of the PMO"
        " | executive: chief transformation officer",
        titles="project manager; program manager; programme manager; project coordinator; scrum master;"
        " PMO analyst; delivery manager; management consultant; consultant",
        keywords="project manag*; program manag*; programme manag*; PMO; milestone*; gantt; stakeholder*;"
        " PRINCE2; PMP; scrum master; delivery; risk register; transformation; consult*; projektleit*;"
        " projektmanag*; chef de projet; gestion de projet; jefe de proyecto; gerente de proyecto*; gestión de"
        " proyectos;"
        " gerente de projeto; gestão de projetos; project manager; capo progetto; 项目经理; プロジェクトマネージャー;"
        " 프로젝트",
        industries="technology; professional_services; construction; public_sector; financial_services;"
        " telecommunications; energy_utilities; healthcare",
        key_metrics="schedule variance (SPI); cost variance (CPI); milestones on time %; budget burn;"
        " open risks by rating; issues overdue; change requests; resource utilisation %; benefits realised;"
        " RAG status",
        spreadsheet_kinds="project plan; RAID log; budget tracker; resource plan; stakeholder map;"
        " change request log; benefits register; status report data; lessons learned log; RACI matrix",
        spreadsheet_columns="ID; task; workstream; owner; start; finish; % complete; dependency; milestone; RAG;"
        " risk; probability; impact; score; mitigation; due date; budget; actuals; forecast; variance",
        report_types="project initiation document; weekly status report; steering committee deck;"
        " business case; project charter; change request form; lessons learned report; closure report;"
        " communication plan; benefits realisation plan",
        recurring_meetings="weekly status meeting; steering committee; risk review; workstream leads sync;"
        " change control board; project kick-off; retrospective",
        jargon="RAID; RAG status; critical path; baseline; scope creep; change request; steering committee;"
        " workstream; go-live; hypercare; RACI; PRINCE2 stage gate; earned value",
        units="days; weeks; EUR; USD; FTE; % complete; person-days",
        tools="Microsoft Project; Smartsheet; Jira; Asana; Monday.com; MS Planner; PowerPoint; Excel",
        collaborators="project sponsor; workstream lead; vendor account manager; finance analyst;"
        " change manager; business analyst; steering committee member; PMO lead",
        focuses="recovering a delayed ERP rollout ahead of a steering committee;"
        " kicking off an office relocation programme;"
        " rebaselining the plan after a scope change;"
        " preparing the business case for a digital transformation;"
        " running hypercare after a system go-live;"
        " consolidating fifteen projects into one portfolio report;"
        " managing a vendor-led data centre migration;"
        " closing a programme and writing the lessons learned",
    ),
    _fam(
        id="operations_logistics",
        label="Operations & logistics",
        roles="intern: operations intern, logistics intern | junior: logistics coordinator, operations assistant |"
        " mid: logistics analyst, operations coordinator, dispatcher | senior: senior logistics analyst, senior"
        " operations specialist | lead: shift lead, warehouse team lead | manager: warehouse manager, operations"
        " manager, transport manager | director: director of operations | executive: chief operating officer",
        titles="dispatcher; warehouse supervisor; freight forwarder; customs broker; fleet manager;"
        " transport planner; logistics coordinator; operations manager",
        keywords="logistic*; warehous*; distribution centre; distribution center; freight; shipping; shipment*;"
        " dispatch*; fleet; transport*; customs; last-mile; fulfilment; fulfillment; operations manager;"
        " lager*; spedition; versand; logistique; entrepôt; expédition; logística; almacén; transporte;"
        " armazém; logistica; magazzino; spedizion*; 物流; 仓库; 倉庫; 물류",
        industries="logistics_transport; retail_ecommerce; manufacturing; consumer_goods; food_agriculture;"
        " automotive; healthcare",
        key_metrics="on-time delivery %; order cycle time; picks per hour; inventory accuracy %;"
        " cost per shipment; truck utilisation %; dock-to-stock time; damage rate; perfect order rate;"
        " carbon per shipment (kgCO2e); empty miles %; backlog orders",
        spreadsheet_kinds="daily dispatch plan; carrier rate card comparison; warehouse KPI dashboard data;"
        " shift staffing plan; inventory cycle count; freight invoice audit; route plan; customs clearance log;"
        " returns log; slotting analysis",
        spreadsheet_columns="shipment ID; order no.; carrier; origin; destination; pallets; weight (kg);"
        " volume (m³); pickup date; ETA; delivered; POD; freight cost; Incoterm; HS code; SKU; bin location;"
        " counted qty; system qty; variance",
        report_types="weekly operations report; carrier performance review; warehouse layout proposal;"
        " peak season plan; incident report; standard operating procedure (SOP); customs audit response;"
        " transport tender summary; continuous improvement A3",
        recurring_meetings="daily operations huddle; weekly carrier review; peak planning meeting;"
        " safety committee; S&OP meeting; shift handover",
        jargon="3PL; cross-docking; FTL/LTL; POD; ETA; slotting; wave picking; cycle count; demurrage; HS code;"
        " bill of lading; cut-off time; reverse logistics; milk run",
        units="pallets; kg; tonnes; m³; TEU; km; hours; EUR; USD",
        tools="SAP EWM; Manhattan WMS; Blue Yonder; Transporeon; project44; Excel; Power BI; handheld scanners",
        collaborators="carrier account manager; customs broker; warehouse supervisor; customer service agent;"
        " procurement buyer; finance controller; health and safety officer; sales planner",
        focuses="preparing the warehouse for the Christmas peak;"
        " re-tendering less-than-truckload contracts;"
        " cutting dock-to-stock time at the main distribution centre;"
        " auditing a year of freight invoices for overcharges;"
        " redesigning pick routes after a layout change;"
        " onboarding a new last-mile carrier;"
        " handling customs paperwork after new import rules;"
        " planning shift staffing for a new night shift",
    ),
    _fam(
        id="customer_success_support",
        label="Customer success & support",
        roles="intern: customer support intern | junior: customer support agent, service desk agent"
        " | mid: customer success manager, support specialist | senior: senior customer success manager,"
        " senior support engineer | lead: support team lead, customer success lead | manager: customer support manager,"
        " contact centre manager | director: director of customer success | executive: chief customer officer",
        titles="customer service representative; call centre agent; support agent; customer success manager;"
        " help desk agent; account coordinator; complaints handler",
        keywords="customer service; customer support; customer success; call centre; call center; contact centre;"
        " helpdesk; help desk; ticket*; complaint*; CSAT; churn; onboarding customers; kundenservice;"
        " kundenbetreuung; service client; relation client; atención al cliente; servicio al cliente;"
        " atendimento ao cliente; assistenza clienti; 客服; カスタマーサポート; 고객",
        industries="technology; telecommunications; retail_ecommerce; financial_services; insurance;"
        " energy_utilities; hospitality_tourism",
        key_metrics="customer satisfaction (CSAT); net promoter score (NPS); first response time; average handle time;"
        " first contact resolution %; ticket backlog; gross revenue retention; health score; SLA breaches;"
        " escalation rate; onboarding time to go-live",
        spreadsheet_kinds="ticket backlog export; customer health score sheet; renewal tracker; QA scorecard;"
        " shift schedule; escalation log; onboarding tracker; churn reasons analysis; macro library;"
        " SLA report",
        spreadsheet_columns="ticket ID; customer; priority; channel; created; first response; resolved; agent;"
        " category; CSAT; SLA met; account; ARR; renewal date; health score; risk; next action; CSM",
        report_types="monthly support report; QBR deck for a customer; escalation summary; knowledge base article;"
        " churn analysis; onboarding plan; voice-of-customer report; process improvement proposal",
        recurring_meetings="daily queue check; weekly escalation review; customer QBR; renewal forecast call;"
        " quality calibration; team huddle",
        jargon="SLA; tier 1/2/3; escalation; macro; health score; churn risk; renewal; upsell; CSAT; NPS;"
        " onboarding; time to value; QBR; voice of customer",
        units="tickets; minutes; hours; %; customers; ARR; EUR; USD",
        tools="Zendesk; Salesforce Service Cloud; Freshdesk; Intercom; Gainsight; ServiceNow; Genesys; Excel",
        collaborators="account executive; product manager; support engineer; billing specialist;"
        " customer admin; workforce planner; trainer",
        focuses="cutting the ticket backlog after a product release;"
        " preparing renewal plans for at-risk accounts;"
        " rewriting the knowledge base for a new billing system;"
        " introducing a QA scorecard for phone agents;"
        " onboarding a large enterprise customer;"
        " analysing churn reasons from cancellation surveys;"
        " planning contact-centre staffing for the January peak;"
        " building a customer health score in the CRM",
    ),
    _fam(
        id="journalism_communications",
        label="Journalism & communications",
        roles="intern: newsroom intern, communications intern | junior: junior reporter, communications assistant"
        " | mid: reporter, communications specialist, content editor | senior: senior reporter, senior editor,"
        " senior communications manager | lead: news editor, lead communications strategist"
        " | manager: communications manager, managing editor | director: editor-in-chief, director of communications"
        " | executive: chief communications officer",
        titles="journalist; reporter; editor; copy editor; correspondent; press officer; PR manager; writer;"
        " speechwriter; spokesperson; podcast producer; translator",
        keywords="journalis*; reporter*; newsroom; editor*; editorial; press release*; public relations; PR;"
        " communications; media relations; newsletter; article*; publishing; spokesperson; journalist*;"
        " redakt*; pressesprech*; journaliste*; rédact*; periodista*; redacción; jornalista*; redação;"
        " giornalist*; redazione; 记者; 記者; 기자",
        industries="media_publishing; public_sector; nonprofit; technology; financial_services; energy_utilities",
        key_metrics="page views; unique visitors; time on page; newsletter subscribers; open rate;"
        " media mentions; share of voice; sentiment %; social engagement rate; press release pickup;"
        " corrections issued; deadlines met",
        spreadsheet_kinds="story budget; editorial calendar; media contact list; coverage tracker;"
        " social media calendar; freelancer payments log; source list; interview schedule;"
        " press release distribution list; analytics export",
        spreadsheet_columns="slug; headline; section; reporter; editor; status; publish date; word count; outlet;"
        " journalist; beat; email; date; coverage type; reach; sentiment; fee; invoice no.",
        report_types="news article; feature story; press release; media briefing pack; communications plan;"
        " crisis communications statement; internal newsletter; speech; Q&A document; monthly coverage report",
        recurring_meetings="morning news conference; editorial planning meeting; press briefing;"
        " communications team meeting; crisis simulation; interview",
        jargon="lede; nut graf; embargo; off the record; byline; copy deadline; fact-check; key messages;"
        " holding statement; share of voice; earned media; angle",
        units="words; page views; subscribers; %; EUR; USD; minutes",
        tools="WordPress; Arc XP; Google Docs; Meltwater; Cision; Chartbeat; Slack; Trello; Adobe Premiere",
        collaborators="photo editor; sub-editor; press officer; source; freelancer; legal reviewer;"
        " CEO; social media manager; agency account director",
        focuses="investigating contracts awarded by a regional council;"
        " planning coverage of the national election;"
        " drafting the communications plan for a company merger;"
        " rewriting the crisis communications playbook;"
        " editing a weekend feature on housing costs;"
        " launching an internal newsletter for 3,000 employees;"
        " preparing the annual report narrative;"
        " building a media list for a product launch",
    ),
    _fam(
        id="public_policy_government",
        label="Public policy & government",
        roles="intern: policy intern | junior: policy assistant, administrative officer | mid: policy officer,"
        " policy analyst, case officer | senior: senior policy adviser, senior policy analyst | lead: policy team"
        " leader, principal policy adviser | manager: head of unit, policy manager | director: director of policy,"
        " deputy director-general | executive: permanent secretary, city manager",
        titles="civil servant; policy analyst; policy adviser; diplomat; local government officer; planning officer;"
        " councillor; public servant; legislative aide; economist",
        keywords="policy; policies; government; ministry; civil servant*; public sector; public administration;"
        " legislation; regulation; council; municipal*; parliament*; diplomat*; public consultation;"
        " beamte*; ministerium; verwaltung; behörde; fonctionnaire*; ministère; administration publique;"
        " funcionari*; gobierno; ministerio; governo; ministério; pubblica amministrazione; ministero;"
        " 政府; 公务员; 公務員; 공무원",
        industries="public_sector; nonprofit; education; healthcare; energy_utilities; logistics_transport",
        key_metrics="consultation responses received; budget allocated vs. spent; programme outputs delivered;"
        " processing time for applications (days); backlog of cases; citizen satisfaction %;"
        " cost per beneficiary; targets met; parliamentary questions answered on time",
        spreadsheet_kinds="consultation response analysis; programme budget monitoring; stakeholder list;"
        " grant allocation model; case backlog tracker; policy options appraisal; correspondence log;"
        " impact assessment workings; KPI return; legislation timetable",
        spreadsheet_columns="respondent; organisation type; question; response summary; theme; region; allocation;"
        " spend to date; forecast; case ref; received; deadline; officer; status; option; cost; benefit; NPV",
        report_types="policy brief; ministerial submission; impact assessment; consultation paper;"
        " briefing note for a minister; council committee report; evaluation report; answer to a parliamentary"
        " question;"
        " strategy document; press lines",
        recurring_meetings="ministerial briefing; interdepartmental working group; council committee;"
        " stakeholder roundtable; project board; team planning meeting",
        jargon="ministerial submission; impact assessment; green paper; white paper; statutory instrument;"
        " stakeholder engagement; value for money; cost-benefit analysis; theory of change; devolution",
        units="EUR; GBP; USD; millions; %; cases; days; residents",
        tools="Microsoft Word; Excel; SharePoint; Citizen Space; case management system; Power BI; Outlook",
        collaborators="minister's private office; legal adviser; economist; statistician; communications officer;"
        " local authority partner; stakeholder organisation; finance officer",
        focuses="analysing 1,400 responses to a public consultation;"
        " drafting an impact assessment for new housing rules;"
        " preparing briefing notes for a minister's visit;"
        " allocating a regional growth fund to local projects;"
        " reducing the backlog of planning applications;"
        " evaluating a pilot job-training programme;"
        " writing the annual climate strategy update;"
        " coordinating an interdepartmental working group on digital identity",
    ),
    _fam(
        id="nonprofit_grants",
        label="Nonprofit, grants & community",
        roles="intern: nonprofit programme intern | junior: programme assistant, volunteer coordinator | mid: grants"
        " officer, programme officer, community organiser | senior: senior programme manager, senior grants manager"
        " | lead: fundraising lead, partnerships lead | manager: charity programme manager, volunteer services"
        " manager | director: director of development, programmes director | executive: charity chief executive",
        titles="fundraiser; grant writer; volunteer coordinator; community organiser; community organizer;"
        " charity worker; social worker; youth worker; development officer; caseworker",
        keywords="nonprofit; non-profit; charity; charitable; NGO; grant*; fundrais*; donor*; volunteer*;"
        " community; foundation; philanthrop*; beneficiar*; advocacy; ehrenamt*; spende*; gemeinnützig*;"
        " association; bénévol*; organisme sans but lucratif; ONG; voluntari*; sin ánimo de lucro; donante*;"
        " sem fins lucrativos; volontari*; onlus; 志愿; 公益; ボランティア; 봉사",
        industries="nonprofit; public_sector; education; healthcare; higher_education",
        key_metrics="funds raised vs. target; grant success rate; donor retention %; cost to raise one euro;"
        " beneficiaries reached; volunteer hours; programme cost per participant; restricted vs. unrestricted income;"
        " outcomes achieved; reporting deadlines met",
        spreadsheet_kinds="grant pipeline; donor database export; volunteer rota; programme budget;"
        " outcomes monitoring framework; event sign-up list; gift aid claim; funder reporting calendar;"
        " beneficiary register; impact survey results",
        spreadsheet_columns="funder; fund; amount requested; amount awarded; deadline; decision date; status;"
        " restricted (Y/N); donor ID; gift date; gift amount; campaign; volunteer; hours; session; participants;"
        " outcome indicator; baseline; target; actual",
        report_types="grant application; funder progress report; annual impact report; theory of change;"
        " case for support; board report; programme evaluation; volunteer handbook; fundraising plan;"
        " thank-you letter to donors",
        recurring_meetings="trustees' board meeting; programme team meeting; funder check-in; volunteer briefing;"
        " fundraising committee; community forum",
        jargon="restricted funds; unrestricted income; theory of change; outcomes framework; gift aid;"
        " capacity building; match funding; in-kind support; stewardship; beneficiaries; safeguarding",
        units="EUR; GBP; USD; participants; volunteer hours; households; %",
        tools="Salesforce Nonprofit Cloud; Beacon; Raiser's Edge; Google Sheets; Mailchimp; Canva; Eventbrite; Excel",
        collaborators="trustee; funder programme officer; volunteer lead; finance officer; partner organisation;"
        " community leader; communications volunteer; local council officer",
        focuses="writing a three-year grant bid to a national foundation;"
        " recruiting volunteers for a winter food bank;"
        " preparing the annual impact report for trustees;"
        " reporting outcomes to a lottery funder;"
        " organising a community fundraising fun run;"
        " building a theory of change for a youth mentoring programme;"
        " cleaning up the donor database before a year-end appeal;"
        " coordinating a neighbourhood repair café",
    ),
    _fam(
        id="real_estate_property",
        label="Real estate & property",
        roles="intern: real estate intern | junior: property administrator, leasing assistant | mid: property"
        " manager, real estate analyst, estate agent | senior: senior property manager, senior asset manager | lead:"
        " lead leasing manager | manager: asset manager, real estate portfolio manager | director: director of real"
        " estate, head of asset management | executive: chief investment officer",
        titles="estate agent; realtor; real estate agent; property manager; letting agent; surveyor; valuer;"
        " asset manager; landlord; leasing agent",
        keywords="real estate; property; properties; realtor*; estate agent*; letting*; lease*; leasing; tenant*;"
        " landlord*; rent; rental; valuation*; mortgage*; immobilie*; makler*; hausverwalt*; immobilier;"
        " agent immobilier; gestion locative; inmobiliari*; bienes raíces; imobiliári*; immobiliar*; 房地产;"
        " 不動産; 부동산",
        industries="real_estate; financial_services; construction; public_sector; hospitality_tourism",
        key_metrics="occupancy %; net operating income (NOI); rent collection rate; arrears; cap rate; yield %;"
        " weighted average lease term (WALT); vacancy days; service charge recovery %; cost per m²;"
        " tenant satisfaction; capex per asset",
        spreadsheet_kinds="rent roll; lease expiry schedule; service charge budget; arrears report;"
        " property valuation model; capex plan; maintenance request log; viewing log; tenant contact list;"
        " acquisition appraisal",
        spreadsheet_columns="property; unit; tenant; lease start; lease end; break date; passing rent;"
        " ERV; area (m²); rent per m²; service charge; arrears (0-30/31-60/60+); deposit; status; yield;"
        " purchase price; NOI",
        report_types="quarterly asset management report; valuation report; investment memorandum;"
        " lease heads of terms; tenant newsletter; property inspection report; business plan for an asset;"
        " letting brochure; budget variance report",
        recurring_meetings="tenant meeting; investment committee; weekly lettings meeting; site inspection;"
        " service charge reconciliation review; landlord-agent call",
        jargon="rent roll; ERV; WALT; break clause; dilapidations; service charge; heads of terms; rent review;"
        " cap rate; NOI; void; fit-out; tenant incentive",
        units="m²; sq ft; EUR; GBP; USD; EUR/m²/yr; %; months",
        tools="Yardi; MRI Software; Argus Enterprise; Excel; Rightmove/Zillow listings; DocuSign",
        collaborators="tenant; facility manager; surveyor; leasing agent; fund manager; solicitor;"
        " contractor; accountant",
        focuses="reletting three vacant floors in an office building;"
        " reducing rent arrears across a residential portfolio;"
        " preparing the quarterly asset management report;"
        " negotiating a lease renewal with an anchor tenant;"
        " budgeting next year's service charges;"
        " appraising the acquisition of a logistics park;"
        " handling dilapidations claims at lease end;"
        " planning energy upgrades to meet efficiency rules",
    ),
    _fam(
        id="hospitality_events",
        label="Hospitality, food service & events",
        roles="intern: hotel management intern | junior: front desk agent, commis chef, events assistant | mid:"
        " event coordinator, restaurant supervisor, chef de partie | senior: senior event manager, sous chef | lead:"
        " head chef, front office lead | manager: hotel general manager, restaurant manager, events manager |"
        " director: director of sales and events, food and beverage director | executive: regional vice president of"
        " hotel operations",
        titles="chef; cook; baker; pastry chef; waiter; bartender; barista; sommelier; hotel manager;"
        " event planner; wedding planner; caterer; concierge; receptionist",
        keywords="hotel*; hospitality; restaurant*; chef; chefs; cook; cooking; kitchen; catering; caterer;"
        " event planning; events; wedding*; banquet*; conference venue; guest*; menu*; baking; bakery; café;"
        " gastronomie; koch; köchin; hôtellerie; restauration; cuisinier*; traiteur; hostelería; cocinero*;"
        " hotelaria; cozinheir*; ristorante; cuoco; 厨师; 酒店; 料理人; ホテル; 요리사",
        industries="hospitality_tourism; food_agriculture; retail_ecommerce; real_estate",
        key_metrics="occupancy %; average daily rate (ADR); RevPAR; food cost %; labour cost %; covers per service;"
        " average spend per cover; online review score; event profit margin; attendee numbers;"
        " no-show rate; table turn time",
        spreadsheet_kinds="event budget; run sheet; menu costing; supplier order list; staff rota; guest list;"
        " room block tracker; banquet event order log; stock take; allergen matrix",
        spreadsheet_columns="date; event; venue; guests; covers; menu item; ingredient; unit cost; portion cost;"
        " selling price; GP %; allergen; supplier; order qty; room type; rooms blocked; rooms picked up; rate",
        report_types="event proposal; banquet event order (BEO); menu card; daily sales report; food safety plan;"
        " post-event report; guest feedback summary; hotel revenue forecast; wedding package brochure",
        recurring_meetings="daily briefing; menu tasting; weekly revenue meeting; event walk-through;"
        " supplier meeting; health inspection follow-up",
        jargon="covers; mise en place; BEO; RevPAR; ADR; room block; attrition clause; pax; F&B; GP margin;"
        " HACCP; upselling; turndown",
        units="covers; pax; rooms; EUR; USD; GBP; kg; portions; %",
        tools="Opera PMS; Lightspeed; Toast POS; Cvent; Eventbrite; OpenTable; Excel; Google Sheets",
        collaborators="head chef; venue coordinator; supplier; AV technician; client; revenue manager;"
        " housekeeping supervisor; florist",
        focuses="costing a new autumn menu;"
        " planning a three-day industry conference for 600 guests;"
        " preparing for a food hygiene inspection;"
        " cutting food waste in the banquet kitchen;"
        " building wedding packages for next season;"
        " rewriting the staff rota for the summer peak;"
        " improving online review scores after a refurbishment;"
        " negotiating a room block for a sports tournament",
    ),
    _fam(
        id="manufacturing_quality",
        label="Manufacturing & quality",
        roles="intern: manufacturing engineering intern | junior: quality technician, production planner | mid:"
        " quality engineer, process engineer, production engineer | senior: senior quality engineer, senior process"
        " engineer | lead: production shift lead, lean manufacturing lead | manager: plant manager, quality manager,"
        " production manager | director: director of manufacturing, head of quality | executive: vice president of"
        " manufacturing",
        titles="quality engineer; process engineer; production engineer; mechanical engineer; machinist;"
        " plant manager; quality inspector; maintenance engineer; industrial engineer; electrician",
        keywords="manufactur*; factory; factories; plant; production line; assembly; quality assurance;"
        " quality control; ISO 9001; six sigma; lean; kaizen; machin*; tooling; mechanical engineer*;"
        " fertigung; produktion; qualitätssicherung; werk; fabrik; usine; production industrielle; qualité;"
        " fábrica; producción; calidad; fabricação; qualidade; fabbrica; produzione; qualità; 制造; 质量;"
        " 工場; 品質; 제조; 품질",
        industries="manufacturing; automotive; consumer_goods; food_agriculture; pharma_biotech; energy_utilities",
        key_metrics="overall equipment effectiveness (OEE); first pass yield %; scrap rate; defects per million (ppm);"
        " customer complaints; cost of poor quality; cycle time (s); downtime (min); CpK; on-time production %;"
        " energy per unit; lost-time injuries",
        spreadsheet_kinds="OEE tracker; non-conformance log; control chart data; FMEA; 8D report tracker;"
        " production schedule; maintenance plan; calibration register; scrap report; audit checklist",
        spreadsheet_columns="line; shift; part number; batch/lot; quantity produced; good parts; scrap; defect code;"
        " root cause; containment; corrective action; owner; due date; machine; downtime (min); reason; CpK;"
        " USL; LSL",
        report_types="8D problem-solving report; FMEA; control plan; internal audit report; management review deck;"
        " PPAP submission; production weekly report; capex request for a new machine; work instruction;"
        " A3 improvement",
        recurring_meetings="daily shop-floor meeting (Gemba); weekly quality review; management review;"
        " customer audit; kaizen event; production planning meeting",
        jargon="OEE; FMEA; 8D; PPAP; SPC; CpK; poka-yoke; kanban; 5S; root cause; containment; non-conformance;"
        " first article inspection; takt time",
        units="ppm; %; parts; seconds; minutes; mm; µm; kg; EUR",
        tools="SAP PP/QM; Minitab; Siemens Opcenter MES; SolidWorks; Excel control charts; Power BI; CMMS",
        collaborators="supplier quality engineer; production supervisor; maintenance technician; customer quality"
        " representative; purchasing buyer; health and safety officer; plant controller",
        focuses="closing an 8D for a customer complaint on cracked housings;"
        " raising OEE on the bottleneck press line;"
        " preparing for an IATF 16949 surveillance audit;"
        " running a kaizen event to cut changeover time;"
        " updating FMEAs after a design change;"
        " launching a new product on the assembly line;"
        " reducing scrap in the paint shop;"
        " writing the capex request for a vision inspection system",
    ),
    _fam(
        id="energy_utilities",
        label="Energy & utilities",
        roles="intern: energy analyst intern | junior: junior energy analyst, field technician | mid: energy"
        " analyst, grid engineer, asset engineer | senior: senior energy trader, senior grid engineer | lead: lead"
        " renewable project developer | manager: renewable project manager, network operations manager | director:"
        " director of energy trading, head of network assets | executive: vice president of energy operations",
        titles="energy analyst; energy trader; grid engineer; electrical engineer; wind technician;"
        " solar engineer; water engineer; utility planner",
        keywords="energy; electricity; power plant; grid; utility; utilities; renewable*; solar; wind farm*;"
        " oil rig*; offshore platform*; oil and gas; refinery;"
        " wind turbine*; photovoltaic; gas network; water utility; decarbonis*; decarboniz*; energie; strom;"
        " netzbetreiber; énergie; électricité; éolien; energía; eléctric*; energia; elétric*; eolic*;"
        " 能源; 电力; エネルギー; 電力; 에너지",
        industries="energy_utilities; public_sector; manufacturing; construction; financial_services",
        key_metrics="MWh generated; capacity factor %; availability %; SAIDI/SAIFI; network losses %;"
        " LCOE (EUR/MWh); hedge ratio; imbalance cost; CO2 intensity (gCO2/kWh); customer interruptions;"
        " capex vs. budget; curtailment hours",
        spreadsheet_kinds="generation forecast; hedging position; outage log; asset condition register;"
        " project pipeline; grid connection queue; LCOE model; meter data export; maintenance schedule;"
        " carbon reporting workbook",
        spreadsheet_columns="site; asset ID; technology; capacity (MW); date; hour; generation (MWh); forecast (MWh);"
        " price (EUR/MWh); availability %; outage start; outage end; cause; feeder; customers affected; CO2 (t)",
        report_types="monthly generation report; regulatory filing; grid connection application; investment case;"
        " outage root-cause report; sustainability report section; market outlook deck; feasibility study",
        recurring_meetings="daily trading meeting; outage planning meeting; regulator consultation;"
        " project steering committee; safety stand-down; asset investment committee",
        jargon="MW/MWh; PPA; capacity market; curtailment; balancing; day-ahead market; LCOE; SCADA;"
        " substation; feeder; grid code; Scope 1/2/3; hedging",
        units="MW; MWh; GWh; kV; EUR/MWh; tCO2e; %; hours",
        tools="SCADA historian; PI System; PLEXOS; GIS (ArcGIS); SAP PM; Excel; Power BI; Python",
        collaborators="grid operator; regulator; EPC contractor; landowner; trader; field technician;"
        " environmental consultant; finance analyst",
        focuses="preparing a grid connection application for a 40 MW solar park;"
        " analysing turbine availability after a stormy winter;"
        " rebuilding the generation forecast model;"
        " writing the regulatory filing on network reliability;"
        " negotiating a corporate power purchase agreement;"
        " planning substation maintenance outages;"
        " compiling Scope 1 and 2 emissions for the annual report;"
        " assessing battery storage at an existing wind farm",
    ),
    _fam(
        id="pharma_regulatory",
        label="Pharma & regulatory affairs",
        roles="intern: regulatory affairs intern | junior: regulatory affairs associate, pharmacovigilance associate"
        " | mid: regulatory affairs specialist, drug safety specialist | senior: senior regulatory affairs manager,"
        " senior pharmacovigilance scientist | lead: global regulatory lead, CMC regulatory lead | manager:"
        " regulatory affairs manager, GMP quality assurance manager | director: director of regulatory affairs |"
        " executive: vice president of regulatory affairs and quality",
        titles="regulatory affairs specialist; pharmacovigilance officer; qualified person; medical writer;"
        " QA specialist; validation engineer; medical science liaison",
        keywords="regulatory affairs; regulatory submission*; pharmacovigilance; drug safety; marketing authori*;"
        " dossier; eCTD; EMA; FDA; GMP; CMC; medical device*; labelling; biotech; pharma*;"
        " zulassung*; arzneimittel*; affaires réglementaires; pharmacovigilance; asuntos regulatorios;"
        " farmacovigilancia; assuntos regulatórios; affari regolatori; farmaceutic*; 药品注册; 薬事; 의약품",
        industries="pharma_biotech; healthcare; manufacturing",
        key_metrics="submissions on time %; health authority questions open; approval time (months);"
        " ICSR processing within 15 days %; labelling changes implemented; deviations open; CAPA closure time;"
        " audit findings; batch release time; variation backlog",
        spreadsheet_kinds="submission tracker; regulatory commitments log; variation tracker; PSUR calendar;"
        " labelling change matrix; health authority question log; deviation log; CAPA tracker;"
        " country registration status; safety case listing",
        spreadsheet_columns="product; country; procedure no.; submission type; planned date; submitted; approved;"
        " status; HA question; response due; module; document; version; owner; case ID; seriousness; MedDRA PT",
        report_types="regulatory strategy document; eCTD module 2 summary; response to health authority questions;"
        " periodic safety update report (PSUR); variation application; labelling (SmPC) update;"
        " GMP audit report; risk management plan",
        recurring_meetings="regulatory team meeting; labelling committee; safety review board;"
        " pre-submission meeting with the agency; CMC change control board; QA review",
        jargon="eCTD; SmPC; PSUR/PBRER; ICSR; variation type IA/IB/II; CMC; GMP; GDP; CAPA; change control;"
        " MedDRA; signal detection; QP release",
        units="mg; batches; days; months; countries; cases; %",
        tools="Veeva Vault RIM; Argus Safety; ArisGlobal LifeSphere; Documentum; eCTD publishing tool; TrackWise;"
        " Excel",
        collaborators="medical writer; CMC scientist; QA auditor; country affiliate; health authority assessor;"
        " pharmacovigilance physician; supply chain planner; legal counsel",
        focuses="compiling the responses to day-120 questions from the agency;"
        " planning a type II variation for a new indication;"
        " preparing the next periodic safety update report;"
        " updating the product information across twelve countries;"
        " closing CAPAs after a GMP inspection;"
        " mapping regulatory requirements for a medical device app;"
        " tracking registrations in Latin American markets;"
        " drafting the regulatory strategy for a biosimilar",
    ),
    _fam(
        id="design_ux",
        label="Design & UX",
        roles="intern: design intern | junior: junior UX designer, junior graphic designer | mid: UX designer,"
        " graphic designer, UI designer | senior: senior product designer, senior UX researcher"
        " | lead: design lead, lead UX researcher | manager: design manager | director: design director,"
        " creative director | executive: chief design officer",
        titles="designer; graphic designer; UX designer; UI designer; product designer; illustrator;"
        " UX researcher; art director; photographer; video editor; animator",
        keywords="design; designer*; UX; UI; user experience; user research; usability; wireframe*; prototype*;"
        " figma; graphic design; illustrat*; typography; branding; photograph*; gestalt*; gestaltung; grafik*;"
        " designer; graphiste; diseñador*; diseño; designer gráfico; grafico; progettazione grafica; 设计师;"
        " デザイナー; 디자이너",
        industries="technology; media_publishing; retail_ecommerce; consumer_goods; professional_services;"
        " financial_services",
        key_metrics="task success rate; time on task; System Usability Scale (SUS); conversion rate;"
        " design review cycle time; accessibility issues (WCAG); component adoption %; research sessions run;"
        " NPS; error rate",
        spreadsheet_kinds="usability test findings; research participant tracker; design system component inventory;"
        " accessibility audit; asset production schedule; copy deck; feedback log; project hours",
        spreadsheet_columns="finding; severity; screen; participant; task; success (Y/N); time (s); quote;"
        " recommendation; component; status; owner; WCAG criterion; asset; format; size (px); due; round",
        report_types="usability test report; research synthesis deck; design specification; style guide;"
        " design system documentation; creative brief response; portfolio case study; journey map;"
        " accessibility audit report",
        recurring_meetings="design critique; usability test session; design system sync; stakeholder review;"
        " client presentation; creative brainstorm",
        jargon="wireframe; prototype; user flow; affinity mapping; persona; journey map; design tokens;"
        " WCAG 2.2; hand-off; kerning; grid; mood board; heuristic evaluation",
        units="px; pt; rem; %; seconds; participants; hours",
        tools="Figma; Adobe Illustrator; Adobe Photoshop; Adobe InDesign; Miro; Maze; Dovetail; Sketch; Zeplin",
        collaborators="product manager; front-end developer; copywriter; UX researcher; brand manager;"
        " client; accessibility specialist; marketing manager",
        focuses="running usability tests on a new checkout flow;"
        " rebuilding the design system in Figma;"
        " auditing the website against WCAG 2.2;"
        " designing the annual report layout;"
        " synthesising research for a banking app redesign;"
        " producing a rebrand for a regional brewery;"
        " mapping the customer journey for home insurance claims;"
        " preparing hand-off specs for the developers",
    ),
    _fam(
        id="insurance_actuarial",
        label="Insurance & actuarial",
        roles="intern: actuarial intern | junior: actuarial analyst, claims handler | mid: underwriter, claims"
        " adjuster, pricing analyst | senior: senior underwriter, senior actuary | lead: lead pricing actuary,"
        " claims team leader | manager: underwriting manager, claims manager | director: chief actuary, head of"
        " underwriting | executive: chief risk officer, chief underwriting officer",
        titles="actuary; underwriter; claims adjuster; loss adjuster; insurance broker; claims handler;"
        " risk analyst; insurance agent",
        keywords="insurance; insurer*; reinsur*; actuar*; underwrit*; claims; policyholder*; premium*; broker*;"
        " solvency; loss ratio; versicherung*; aktuar*; schaden*; assurance*; assureur*; actuaire*; sinistre*;"
        " seguro*; aseguradora; actuario*; seguradora; atuári*; assicurazion*; attuari*; 保险; 保険; 보험",
        industries="insurance; financial_services; healthcare; public_sector",
        key_metrics="loss ratio %; combined ratio %; gross written premium; claims frequency; average claim severity;"
        " reserve adequacy; solvency ratio; retention rate; quote-to-bind %; claims cycle time (days);"
        " fraud detection rate; expense ratio",
        spreadsheet_kinds="loss triangle; pricing model; rate change analysis; claims bordereau; reserve study;"
        " underwriting referral log; reinsurance programme summary; exposure data; renewal pricing sheet;"
        " fraud referral tracker",
        spreadsheet_columns="policy no.; insured; line of business; inception date; expiry; sum insured; premium;"
        " claim no.; date of loss; reported; paid; outstanding; incurred; accident year; development year;"
        " loss ratio; peril; region",
        report_types="actuarial reserving report; pricing review; underwriting guidelines; claims audit report;"
        " Solvency II ORSA section; board risk report; product filing; large loss report; renewal strategy deck",
        recurring_meetings="reserving committee; underwriting review; large loss meeting; pricing committee;"
        " broker meeting; claims file review",
        jargon="IBNR; loss triangle; chain ladder; burning cost; combined ratio; Solvency II; ORSA; excess of loss;"
        " quota share; subrogation; deductible; exposure; cat model",
        units="EUR; USD; GBP; % loss ratio; policies; claims; years; bps",
        tools="Guidewire; Duck Creek; ResQ; Prophet; R; Python; SAS; Excel; Emblem",
        collaborators="broker; claims handler; reinsurer; loss adjuster; finance controller; risk manager;"
        " product manager; regulator",
        focuses="rebuilding the motor pricing model after a claims inflation spike;"
        " preparing the year-end reserving report;"
        " reviewing large property losses after a flood;"
        " renewing the reinsurance programme;"
        " writing underwriting guidelines for cyber insurance;"
        " reducing claims cycle times in home insurance;"
        " analysing fraud referrals in travel claims;"
        " preparing the ORSA section for the board",
    ),
    _fam(
        id="it_administration",
        label="IT administration & infrastructure",
        roles="intern: IT support intern | junior: IT support technician, service desk analyst | mid: system"
        " administrator,"
        " network administrator, IT support specialist | senior: senior systems engineer, senior network engineer"
        " | lead: infrastructure lead, IT security lead | manager: IT manager, infrastructure manager"
        " | director: director of IT, head of IT operations | executive: chief information officer",
        titles="system administrator; sysadmin; network engineer; IT technician; IT administrator;"
        " security analyst; cloud engineer; database administrator; IT manager",
        keywords="IT support; IT department; sysadmin*; system administrator*; network*; server*; active directory;"
        " helpdesk; endpoint*; cybersecurity; firewall*; backup*; patching; Microsoft 365; ITIL; IT manager;"
        " systemadministrat*; informatik*; administrateur système; informatique; administrador de sistemas;"
        " informática; administrador de redes; tecnologia da informação; sistemista; informatica; 网络管理;"
        " 系统管理员; 情報システム; 社内SE; 전산",
        industries="technology; professional_services; public_sector; education; healthcare; financial_services;"
        " manufacturing",
        key_metrics="tickets resolved; SLA compliance %; system uptime %; patch compliance %; backup success rate;"
        " mean time to resolve; phishing click rate; licence utilisation %; endpoint count; storage used (TB);"
        " vulnerabilities open by severity",
        spreadsheet_kinds="asset inventory; licence register; patch status report; backup log; network IP plan;"
        " user access review; change log; vendor contract list; IT budget; onboarding/offboarding checklist",
        spreadsheet_columns="asset tag; device; model; serial no.; user; department; OS; OS version; warranty end;"
        " IP address; VLAN; hostname; licence; seats; used; renewal date; cost; patch level; last backup",
        report_types="IT operations monthly report; change request; incident report; disaster recovery plan;"
        " security awareness training slides; IT budget proposal; policy (acceptable use);"
        " migration runbook; vendor evaluation",
        recurring_meetings="change advisory board (CAB); weekly IT team meeting; security review;"
        " vendor service review; incident post-mortem; budget planning with finance",
        jargon="Active Directory; Entra ID; MFA; VPN; VLAN; SSO; MDM; patch Tuesday; ITIL; CAB; RTO/RPO;"
        " zero trust; EDR; phishing simulation",
        units="TB; GB; Mbps; devices; users; %; hours; EUR",
        tools="Microsoft Intune; Entra ID; ServiceNow; Jira Service Management; VMware vSphere; Veeam; PowerShell;"
        " Fortinet; Cisco Meraki; Excel",
        collaborators="service desk analyst; security officer; vendor engineer; HR onboarding coordinator;"
        " finance controller; department head; managed service provider",
        focuses="migrating file shares to SharePoint Online;"
        " rolling out multi-factor authentication to all staff;"
        " replacing 200 end-of-life laptops;"
        " rewriting the disaster recovery plan and testing restores;"
        " cleaning up licences before the Microsoft renewal;"
        " segmenting the office network into VLANs;"
        " running a phishing simulation and follow-up training;"
        " automating user onboarding with PowerShell scripts",
    ),
    _fam(
        id="facilities_management",
        label="Facilities & workplace management",
        roles="intern: facilities intern | junior: facilities assistant, maintenance technician | mid: facilities"
        " coordinator, building services engineer | senior: senior facilities coordinator, senior building engineer"
        " | lead: facilities team lead | manager: facilities manager, workplace manager | director: director of"
        " facilities, head of workplace | executive: chief workplace officer",
        titles="facilities manager; caretaker; janitor; maintenance technician; building manager; office manager;"
        " health and safety officer; groundskeeper; office administrator",
        keywords="facilit*; building maintenance; maintenance; janitor*; caretaker*; office manager; workplace;"
        " HVAC; cleaning contract*; health and safety; fire safety; office move*; space planning; hausmeister*;"
        " gebäudemanagement; facility management; gestion des bâtiments; services généraux; mantenimiento;"
        " gestión de instalaciones; manutenção; manutenzione; 设施管理; 総務; 시설",
        industries="real_estate; public_sector; healthcare; education; manufacturing; professional_services;"
        " technology",
        key_metrics="planned vs. reactive maintenance %; helpdesk requests closed on time; energy use (kWh/m²);"
        " space utilisation %; cost per workstation; compliance checks overdue; cleaning audit score;"
        " accidents reported; contractor SLA performance; desk occupancy",
        spreadsheet_kinds="planned maintenance schedule; statutory compliance register; space plan; helpdesk log;"
        " contractor performance tracker; energy meter readings; key and access card register;"
        " office move plan; facilities budget; asset register",
        spreadsheet_columns="asset; location; floor; room; task; frequency; last done; next due; contractor;"
        " status; request ID; category; priority; reported; closed; SLA met; meter; reading (kWh); desk; occupancy %",
        report_types="monthly facilities report; fire risk assessment; office move plan; space utilisation study;"
        " contractor tender specification; health and safety audit; energy saving proposal;"
        " business continuity plan; welcome guide for the office",
        recurring_meetings="contractor performance review; health and safety committee; weekly FM team meeting;"
        " landlord meeting; fire drill debrief; workplace change working group",
        jargon="PPM; reactive maintenance; statutory compliance; CAFM; hot-desking; BMS; legionella testing;"
        " PAT testing; permit to work; soft FM; hard FM; fit-out",
        units="m²; kWh; desks; EUR; GBP; %; days",
        tools="Planon; Archibus; CAFM helpdesk; Condeco desk booking; BMS dashboard; Excel; AutoCAD floor plans",
        collaborators="cleaning contractor; landlord's surveyor; health and safety officer; IT manager; HR manager;"
        " security supervisor; energy consultant; office staff",
        focuses="planning the move of 250 staff to a new office floor;"
        " re-tendering the cleaning and security contracts;"
        " catching up on overdue statutory compliance checks;"
        " introducing a desk booking system for hybrid work;"
        " cutting energy use in an ageing headquarters;"
        " updating fire risk assessments across four sites;"
        " measuring space utilisation to shrink the lease;"
        " organising the summer maintenance shutdown",
    ),
    _fam(
        id="small_business",
        label="Small business & self-employment",
        roles="intern: apprentice | junior: shop assistant, sales assistant | mid: freelance consultant,"
        " self-employed tradesperson, shop supervisor | senior: experienced freelancer, independent consultant |"
        " lead: workshop foreman | manager: store manager, small business manager | director: co-owner | executive:"
        " owner-founder",
        titles="shop owner; business owner; entrepreneur; freelancer; self-employed; sole trader; founder;"
        " craftsman; craftswoman; artisan; hairdresser; florist; tailor",
        keywords="small business; own business; shop owner; store owner; owner of; founder; entrepreneur*;"
        " street food; food stall; market stall; food truck;"
        " freelanc*; self-employed; sole trader; startup; start-up; etsy; online shop; craft*; handmade;"
        " knitting; sewing; pottery; selbstständig*; inhaber*; kleinunternehm*; unternehmer*; artisan*;"
        " indépendant*; auto-entrepreneur; autónomo*; emprendedor*; pequeña empresa; autônomo*; empreendedor*;"
        " imprenditor*; artigian*; 个体; 创业; 自営業; 起業; 자영업",
        industries="retail_ecommerce; food_agriculture; hospitality_tourism; professional_services; consumer_goods;"
        " construction",
        key_metrics="monthly revenue; gross margin %; cash in bank; average order value; repeat customer rate;"
        " stock turnover; hours billed; outstanding invoices; cost of goods sold; website conversion rate;"
        " reviews and rating",
        spreadsheet_kinds="sales ledger; expenses log; stock list; price calculator; customer list; order book;"
        " cash flow plan; quote template; VAT/tax summary; supplier price list",
        spreadsheet_columns="date; customer; product; quantity; unit price; total; paid (Y/N); invoice no.;"
        " expense category; supplier; cost; VAT; stock on hand; reorder level; hours; rate; payment method",
        report_types="quote; invoice; price list; annual accounts for the tax advisor; business plan;"
        " loan application; product catalogue; flyer; newsletter to customers; website copy",
        recurring_meetings="meeting with the accountant; supplier visit; market stall day; customer consultation;"
        " bank appointment; weekly planning with the part-time helper",
        jargon="cash flow; margin; mark-up; stock take; self-assessment tax return; VAT threshold; invoice terms;"
        " wholesale; retail price; repeat customers; payment terms",
        units="EUR; USD; GBP; items; hours; kg; %",
        tools="Shopify; Etsy; Square; SumUp; Xero; QuickBooks; Excel; Google Sheets; Canva; WhatsApp Business",
        collaborators="accountant; supplier; part-time helper; customer; landlord; bank adviser;"
        " web designer; local business association",
        focuses="moving sales to an online store;"
        " pricing a new product line for the Christmas market;"
        " preparing the year's receipts for the tax advisor;"
        " applying for a small business loan;"
        " tidying up stock records after a busy season;"
        " chasing three customers' unpaid invoices;"
        " designing flyers for a local craft fair;"
        " hiring the first part-time employee",
    ),
    # --- Life families: personas whose computer belongs to a life rather than an office job -------------------
    _fam(
        id="agriculture_farming",
        label="Farming & agriculture",
        roles="intern: farm apprentice, seasonal farmhand | junior: farmhand, farm worker | mid: farmer, livestock"
        " farmer, crop farmer | senior: experienced farmer, dairy farmer | lead: farm foreman, head stockman |"
        " manager: farm manager, ranch manager | director: estate manager | executive: farm owner, rancher",
        titles="farmer; rancher; farmhand; dairy farmer; crop farmer; cattle farmer; sheep farmer; grower;"
        " beekeeper; shepherd; vintner; winemaker; orchardist; smallholder; agronomist; fisherman; apiarist;"
        " apiculturist; bee farmer; honey producer; winegrower; wine grower; viticulturist; vigneron; grape grower;"
        " vineyard owner; vineyard manager",
        keywords="farm; farms; farming; ranch*; crops; harvest*; livestock; cattle; dairy; tobacco; soybean*; corn;"
        " wheat; barley; orchard*; vineyard*; hay; tractor*; acre*; hectare*; poultry; hogs; agricultur*;"
        " landwirt*; bauer; bäuerin; agriculteur*; agricultor*; agricoltor*; contadin*; 农民; 農家; beekeep*;"
        " apiar*; apicult*; hives; honey; imker*; viticult*; winegrow*; winemak*; winzer*; vigneron*; grapes",
        industries="food_agriculture",
        key_metrics="yield per acre; bushels harvested; head of cattle; milk yield per cow; feed cost per head;"
        " price per bushel; rainfall to date; fertiliser cost per acre; calving rate; hay bales stored",
        spreadsheet_kinds="field records; crop plan; herd register; feed and hay inventory; farm accounts;"
        " equipment maintenance log; grain sales record; subsidy and insurance claims; spray records",
        spreadsheet_columns="field; crop; variety; acres; planting date; harvest date; yield (bu/acre);"
        " animal tag; breed; date of birth; weight; feed (lbs); buyer; price; input cost; machine; hours",
        report_types="crop insurance claim; farm loan application; annual farm accounts; grain contract;"
        " cattle sale receipt; soil test report; co-op newsletter; equipment repair invoice",
        recurring_meetings="co-op meeting; visit from the extension agent; livestock auction day; meeting with"
        " the farm lender; vet visit; equipment dealer appointment",
        jargon="yield; bushel; cash rent; crop rotation; cover crop; calving season; feeder cattle; hay cutting;"
        " spring planting; grain elevator; co-op; extension office",
        units="acres; hectares; bushels; tons; lbs; head; gallons; USD",
        tools="Excel; Google Sheets; FarmLogs; John Deere Operations Center; QuickBooks; weather app; email",
        collaborators="extension agent; veterinarian; farm lender; grain buyer; co-op manager; seed dealer;"
        " seasonal hand; neighbouring farmer",
        focuses="planning spring planting across the north fields;"
        " logging this year's harvest yields field by field;"
        " preparing the crop insurance claim after the hail storm;"
        " selling feeder cattle at the autumn auction;"
        " budgeting hay and feed for the winter;"
        " applying for a farm equipment loan",
    ),
    _fam(
        id="parks_conservation",
        label="Parks, conservation & outdoors",
        roles="intern: seasonal ranger, conservation volunteer | junior: park ranger, trail crew member | mid:"
        " park ranger, conservation officer, forester | senior: senior ranger, wildlife biologist | lead: lead"
        " ranger, district ranger | manager: park manager, reserve manager | director: park superintendent |"
        " executive: director of a parks service",
        titles="park ranger; forest ranger; ranger; game warden; park warden; conservation officer; forester;"
        " wildlife biologist; trail crew; reserve warden; countryside ranger; naturalist",
        keywords="park ranger*; forest ranger*; national park*; state park*; nature reserve*; wildlife refuge*;"
        " game warden*; park warden*; conservation officer*; forestry; forester*; förster*; garde forestier;"
        " guardaparque*; guarda-parque*",
        industries="public_sector; nonprofit",
        key_metrics="visitors at the entrance stations; trail miles maintained; wildlife sightings logged;"
        " incidents on patrol; search and rescue call-outs; backcountry permits issued; campsite occupancy;"
        " invasive plants removed (acres); volunteer hours",
        spreadsheet_kinds="patrol log; trail condition survey; wildlife sightings log; visitor count;"
        " backcountry permit register; volunteer rota; equipment inventory; campground occupancy",
        spreadsheet_columns="date; patrol area; trail; miles; condition; species; count; location; incident;"
        " action taken; visitors; permits; campsite; volunteer; hours",
        report_types="patrol report; incident report; trail condition survey; wildlife survey; visitor"
        " programme schedule; fire danger briefing; search and rescue report; seasonal staff rota",
        recurring_meetings="morning patrol briefing; district rangers' meeting; fire danger briefing; meeting"
        " with the volunteer group; interpretive programme planning; visitor services meeting",
        jargon="backcountry; trailhead; patrol; campground; interpretive programme; wildlife closure; fire"
        " danger rating; bear-proof storage; leave no trace; search and rescue; visitor centre; boundary",
        units="miles; acres; visitors; permits; sightings; hours",
        tools="Excel; Outlook; GIS map viewer; radio log; permit system; iNaturalist; Teams",
        collaborators="district ranger; wildlife biologist; fire crew; visitor centre staff; volunteer"
        " coordinator; search and rescue team; maintenance crew; park superintendent",
        focuses="writing up the summer patrol reports;"
        " surveying trail conditions after the spring storms;"
        " planning the evening interpretive programmes;"
        " logging wildlife sightings near the campgrounds;"
        " preparing the fire danger briefing for the season;"
        " training the seasonal rangers and volunteers",
    ),
    _fam(
        id="skilled_trades",
        label="Skilled trades",
        roles="intern: apprentice electrician, apprentice plumber | junior: trainee carpenter, labourer | mid:"
        " electrician, plumber, carpenter, welder | senior: master electrician, journeyman plumber | lead:"
        " site foreman, crew lead | manager: contracts manager | director: operations director of a building firm |"
        " executive: owner of a building firm",
        titles="electrician; plumber; carpenter; joiner; welder; bricklayer; roofer; plasterer; painter and"
        " decorator; tiler; handyman; locksmith; HVAC technician; stonemason; glazier; machinist; blacksmith",
        keywords="electrician*; plumb*; carpent*; joiner*; weld*; bricklay*; roofer*; plaster*; tiler*; handyman;"
        " locksmith*; hvac; wiring; pipework; building site; renovation*; elektriker*; klempner*; schreiner*;"
        " tischler*; électricien*; plombier*; menuisier*; electricista; fontanero; carpintero; eletricista",
        industries="construction; real_estate; manufacturing; automotive",
        key_metrics="jobs completed; quotes accepted; materials cost per job; hours per job; invoices outstanding;"
        " call-outs per week; van mileage; margin per job",
        spreadsheet_kinds="job list; quote calculator; materials list; timesheet; invoice log; van mileage log;"
        " tool inventory; customer list",
        spreadsheet_columns="job; customer; address; date; hours; materials; supplier; cost; quote; invoice no.;"
        " paid; mileage; tool; serial no.",
        report_types="quote; invoice; electrical installation certificate; job sheet; risk assessment;"
        " customer letter; materials order",
        recurring_meetings="site visit; customer walkthrough; supplier trade counter run; safety briefing;"
        " meeting with the accountant; Monday job planning with the apprentice",
        jargon="call-out; first fix; second fix; snagging; consumer unit; load calculation; building regs;"
        " materials mark-up; day rate; retention",
        units="hours; metres; feet; units; USD; EUR; GBP",
        tools="Excel; Google Sheets; Tradify; Jobber; QuickBooks; WhatsApp; email",
        collaborators="customer; main contractor; supplier; building inspector; apprentice; accountant",
        focuses="quoting a kitchen rewiring job;"
        " chasing unpaid invoices from last month's jobs;"
        " ordering materials for a bathroom refit;"
        " keeping the apprentice's training log up to date;"
        " pricing a loft conversion;"
        " sorting receipts for the tax return",
    ),
    _fam(
        id="music_performing_arts",
        label="Music & performing arts",
        roles="intern: music student, stage hand | junior: session musician, backing singer | mid: musician,"
        " guitarist, drummer, singer | senior: touring musician, bandleader | lead: band leader, musical director |"
        " manager: band manager | director: artistic director | executive: label owner",
        titles="musician; guitarist; bassist; drummer; singer; vocalist; songwriter; singer-songwriter; rapper;"
        " DJ; composer; pianist; violinist; band member; actor; actress; dancer; comedian; performer; cellist;"
        " violist; oboist; bassoonist; flautist; flutist; clarinettist; clarinetist; harpist; timpanist;"
        " orchestral musician; orchestra musician; music director; orchestra conductor; symphony conductor;"
        " chief conductor; principal conductor",
        keywords="band; gig; gigs; setlist*; concert*; tour; tours; touring; album*; rehearsal*; recording*;"
        " heavy metal; rock; punk; jazz; hip hop; musik*; musique; música; musica; stage; theatre; theater; 音乐; 音楽",
        industries="media_publishing; hospitality_tourism",
        key_metrics="gigs played; ticket sales; merch sales; streams per month; fee per gig; rehearsal hours;"
        " mailing list subscribers; travel costs per show",
        spreadsheet_kinds="gig calendar; setlist archive; merch inventory; band accounts; tour budget;"
        " venue contact list; song catalogue; royalty statements",
        spreadsheet_columns="date; venue; city; fee; door split; tickets sold; song; key; tempo (BPM); length;"
        " item; size; stock; price; income; expense; paid by",
        report_types="setlist; gig booking confirmation; rider; tour itinerary; press kit; band agreement;"
        " recording budget; grant application for a music fund",
        recurring_meetings="band rehearsal; sound check; meeting with the promoter; studio session;"
        " songwriting session; merch count after the show",
        jargon="setlist; soundcheck; rider; door split; headliner; support slot; mix; master; EP; merch;"
        " backline; load-in",
        units="gigs; tickets; BPM; minutes; streams; USD; EUR; GBP",
        tools="Bandcamp; Spotify for Artists; Reaper; GarageBand; Google Sheets; Excel; Instagram; email",
        collaborators="bandmate; promoter; venue booker; sound engineer; producer; label contact; fan club",
        focuses="booking the spring tour dates;"
        " recording a four-song EP;"
        " building the setlist for the festival slot;"
        " splitting the last tour's income between the band;"
        " ordering new merch for the summer shows;"
        " applying to a music fund for a recording grant",
    ),
    _fam(
        id="creative_arts_writing",
        label="Arts, crafts & writing",
        roles="intern: studio assistant | junior: assistant illustrator | mid: artist, illustrator, writer,"
        " photographer | senior: exhibiting artist, published author | lead: lead illustrator | manager: gallery"
        " manager | director: creative director of a studio | executive: studio owner",
        titles="artist; painter; sculptor; illustrator; potter; ceramicist; photographer; novelist; poet; author;"
        " writer; blogger; YouTuber; influencer; podcaster; calligrapher; quilter; woodworker; filmmaker;"
        " film director; documentary maker; videographer; animator; screenwriter",
        keywords="painting*; canvas*; exhibition*; gallery; sculpture*; pottery; ceramics; illustration*;"
        " manuscript*; novel*; poem*; poetry; short stories; blog*; youtube; podcast*; künstler*; artiste*;"
        " artista; 画家; 作家",
        industries="media_publishing; retail_ecommerce",
        key_metrics="works sold; commission income; word count; submissions sent; acceptances; followers;"
        " views per video; print sales",
        spreadsheet_kinds="artwork inventory; commission tracker; submission tracker; sales log; exhibition"
        " budget; content calendar; word count log",
        spreadsheet_columns="title; medium; size; price; status; buyer; date; publisher; agent; submitted;"
        " response; word count; platform; views",
        report_types="artist statement; exhibition proposal; manuscript chapter; query letter; grant"
        " application; commission agreement; invoice",
        recurring_meetings="studio visit; meeting with the gallerist; writing group; editor call; craft fair"
        " day; workshop session",
        jargon="commission; edition; proof; query letter; manuscript; first draft; submission; portfolio;"
        " open studio; royalties",
        units="works; words; pages; prints; USD; EUR; GBP",
        tools="Scrivener; Word; Google Docs; Lightroom; Photoshop; Etsy; Instagram; Excel",
        collaborators="gallerist; editor; literary agent; client; framer; printer; fellow artist",
        focuses="finishing the third draft of a novel;"
        " preparing works for a group exhibition;"
        " sending query letters to literary agents;"
        " pricing prints for the holiday market;"
        " delivering a portrait commission;"
        " applying for an arts council grant",
    ),
    _fam(
        id="student_life",
        label="Student life",
        roles="intern: high school student | junior: college student | mid: university student | senior: final-year"
        " student | lead: student council president | manager: student society treasurer | director: student union"
        " officer | executive: student union president",
        titles="pupil; undergraduate; high school student; college student; university student;"
        " freshman; sophomore; schoolgirl; schoolboy; teenager",
        keywords="homework; coursework; assignment*; exam*; essay*; revision; grades; semester; term paper;"
        " homework assignment*; dorm; classmate*; gcse*; a-level*; SAT; report card*",
        industries="education; higher_education",
        key_metrics="grade average; assignments due; study hours; exam scores; credits earned; savings from the"
        " part-time job; application deadlines",
        spreadsheet_kinds="grade tracker; study timetable; revision planner; budget; college application"
        " tracker; part-time job shifts; reading list",
        spreadsheet_columns="subject; assignment; due date; status; grade; weight; hours; exam date; college;"
        " deadline; essay; shift; pay; spending; category",
        report_types="essay; lab report; class presentation; college application essay; CV; cover letter for a"
        " part-time job; book report; project poster",
        recurring_meetings="class; study group; club meeting; practice; tutoring session; meeting with the"
        " school counsellor; part-time shift",
        jargon="due date; rubric; GPA; midterm; final exam; extra credit; syllabus; office hours; draft; citation",
        units="points; %; hours; credits; pages; words",
        tools="Google Docs; Google Classroom; Canvas; Word; PowerPoint; Excel; Quizlet; Discord",
        collaborators="teacher; classmate; study group; school counsellor; coach; parent; shift manager",
        focuses="finishing a history essay due Friday;"
        " revising for end-of-term exams;"
        " writing college application essays;"
        " preparing a group presentation for biology;"
        " saving money from a part-time job;"
        " organising the club's end-of-year event",
    ),
    _fam(
        id="home_retirement_life",
        label="Home, family & retirement",
        roles="intern: retiree | junior: homemaker | mid: homemaker, retiree | senior: retiree | lead: club"
        " treasurer | manager: household manager | director: club chair | executive: family head",
        titles="retiree; pensioner; homemaker; stay-at-home parent; housewife; househusband; grandmother;"
        " grandfather; caregiver; job seeker; veteran; widow; widower",
        keywords="retire*; pension*; grandchild*; grandkids; household; groceries; family history; genealogy;"
        " medical appointment*; medicare; social security; club treasurer; church group; caregiving;"
        " job search; job application*; unemployment benefit*; veteran*",
        industries="nonprofit; public_sector",
        key_metrics="monthly pension income; household spending; savings balance; medical bills; club balance;"
        " applications sent; utility bills",
        spreadsheet_kinds="household budget; medication schedule; family tree; club accounts; address book;"
        " job application tracker; Christmas card list; recipe collection",
        spreadsheet_columns="date; item; category; amount; paid; due; medication; dose; time; name; born; died;"
        " relation; member; subscription; company; position applied; status",
        report_types="letter to the council; club newsletter; family history notes; medical appointment log;"
        " insurance claim; CV; cover letter; holiday itinerary",
        recurring_meetings="doctor's appointment; club meeting; church service; grandchildren's visit;"
        " volunteer shift; employment office appointment",
        jargon="pension; Medicare; premium; co-pay; prescription; minutes of the last meeting; subscriptions;"
        " family tree; interview",
        units="USD; EUR; GBP; mg; %; visits",
        tools="Word; Excel; email; Facebook; Ancestry; WhatsApp; online banking",
        collaborators="doctor; pharmacist; club secretary; daughter; son; neighbour; financial adviser; job coach",
        focuses="keeping track of medical appointments and prescriptions;"
        " balancing the garden club's accounts for the annual meeting;"
        " writing up the family history for the grandchildren;"
        " planning a holiday on a fixed income;"
        " applying for jobs after a layoff;"
        " sorting the household paperwork for the tax return",
    ),
)

OCCUPATIONAL_FAMILIES: Mapping[str, OccupationalFamily] = MappingProxyType({f.id: f for f in _FAMILIES})
"""All occupational families by id (read-only)."""


# One family holds several lives: a retiree, a parent at home and a job seeker share "home & retirement" but not
# their projects (a WWII veteran does not apply for jobs; a parent of three is not balancing a pension). Per life
# stage, the fields that differ replace the family's own.
_STAGE_FIELDS: dict[tuple[str, str], dict[str, str]] = {
    ("home_retirement_life", "retiree"): {
        "key_metrics": "monthly pension income; household spending; savings balance; medical bills; club balance;"
        " utility bills",
        "spreadsheet_kinds": "household budget; medication schedule; family tree; club accounts; address book;"
        " Christmas card list; recipe collection",
        "report_types": "letter to the council; club newsletter; family history notes; medical appointment log;"
        " insurance claim; holiday itinerary",
        "recurring_meetings": "doctor's appointment; club meeting; church service; grandchildren's visit;"
        " volunteer shift",
        "collaborators": "doctor; pharmacist; club secretary; daughter; son; neighbour; financial adviser",
        "focuses": "keeping medical appointments and prescriptions in order;"
        " balancing the garden club's accounts for the annual meeting;"
        " writing up the family history for the grandchildren;"
        " planning a holiday on a fixed income;"
        " sorting the household paperwork for the tax return;"
        " writing down memories for the grandchildren;"
        " editing the club newsletter for the spring issue;"
        " organising a reunion lunch with old friends",
    },
    ("home_retirement_life", "homemaker"): {
        "key_metrics": "household spending; grocery bill; savings balance; school fees; utility bills;"
        " activity costs per child",
        "spreadsheet_kinds": "household budget; family calendar; meal plan; school contacts; chore chart;"
        " birthday and gift list; recipe collection",
        "spreadsheet_columns": "date; item; category; amount; paid; due; child; activity; day; time; meal;"
        " ingredients; shop; name; phone",
        "report_types": "family calendar; household budget; meal plan; school newsletter; letter to the school;"
        " holiday itinerary",
        "recurring_meetings": "school pick-up; parent-teacher meeting; doctor's appointment; swimming lesson;"
        " grandparents' visit; PTA meeting",
        "jargon": "school run; term dates; packed lunch; after-school club; pocket money; grocery budget;"
        " permission slip; playdate",
        "collaborators": "partner; class teacher; PTA chair; childminder; grandparent; neighbour; family doctor",
        "focuses": "planning the family's weekly meals and food shopping;"
        " organising the children's after-school activities;"
        " running the household budget after the move;"
        " planning a child's birthday party;"
        " helping the parent-teacher association with the summer fair;"
        " planning the family summer holiday on a budget;"
        " getting quotes for the kitchen renovation;"
        " sorting the household paperwork for the tax return",
    },
    # a carer at home looks after a parent or partner, not children: care, medicines and the household
    ("home_retirement_life", "carer"): {
        "key_metrics": "household spending; medical bills; care costs per week; savings balance; utility bills",
        "spreadsheet_kinds": "household budget; medication schedule; care visit log; address book; recipe collection",
        "report_types": "care plan; medication schedule; appointment log; household budget; letter to the insurer",
        "recurring_meetings": "doctor's appointment; home care visit; pharmacy pick-up; carers' support group;"
        " hospital outpatient appointment",
        "jargon": "care plan; medication schedule; home care; respite care; power of attorney; mobility aid;"
        " grocery budget; prescription",
        "collaborators": "family doctor; home care nurse; pharmacist; social worker; neighbour; sibling",
        "focuses": "keeping the medication schedule up to date;"
        " booking the home care visits;"
        " applying for the carer's support payments;"
        " adapting the bathroom for safer access;"
        " planning the weekly meals and food shopping;"
        " running the household budget;"
        " sorting the household paperwork for the tax return",
    },
    ("home_retirement_life", "job_seeker"): {
        "report_types": "CV; cover letter; job application tracker; interview notes; letter to the employment office;"
        " household budget",
        "recurring_meetings": "employment office appointment; interview; networking coffee; online course session;"
        " call with a recruiter",
        "collaborators": "recruiter; job coach; former manager; referee; friend in the industry; partner",
        "focuses": "applying for jobs after a layoff;"
        " building a LinkedIn profile and CV;"
        " preparing for interviews with two employers;"
        " budgeting on unemployment benefit;"
        " taking an online course to retrain;"
        " sorting the household paperwork for the tax return",
    },
    # a recent graduate looking for a first job: no layoff, no job centre, no former manager
    ("home_retirement_life", "graduate"): {
        "report_types": "CV; cover letter; job application tracker; interview notes; graduate scheme application;"
        " household budget",
        "recurring_meetings": "careers service appointment; interview; assessment centre; graduate fair;"
        " online course session; call with a recruiter",
        "collaborators": "careers adviser; recruiter; university tutor; referee; friend from the course; parent",
        "focuses": "applying for graduate schemes;"
        " building a LinkedIn profile and CV;"
        " preparing for interviews with two employers;"
        " budgeting until the first salary;"
        " taking an online course to stand out;"
        " asking tutors for references",
    },
    # a school leaver looking for an apprenticeship or a first job: teachers, not tutors; no graduate schemes
    ("home_retirement_life", "school_leaver"): {
        "report_types": "CV; cover letter; job application tracker; interview notes; apprenticeship application;"
        " household budget",
        "recurring_meetings": "careers adviser appointment; interview; apprenticeship open day; call with a"
        " training provider",
        "collaborators": "careers adviser; guidance teacher; training provider; referee; friend from school; parent",
        "focuses": "applying for apprenticeships;"
        " writing a first CV;"
        " preparing for interviews with two employers;"
        " budgeting on the apprentice wage;"
        " taking an online course to stand out;"
        " asking teachers for references",
    },
    # someone going back to work after years caring for children or a parent: no layoff, no benefit claim
    ("home_retirement_life", "returner"): {
        "report_types": "CV; cover letter; job application tracker; interview notes; refresher course certificate;"
        " household budget",
        "recurring_meetings": "interview; call with a recruiter; refresher course session; coffee with a former"
        " colleague",
        "collaborators": "recruiter; former colleague; former manager; referee; friend in the industry; partner",
        "focuses": "applying for flexible roles after the career break;"
        " updating the CV after the years at home;"
        " taking a refresher course to get back up to date;"
        " preparing for interviews with two employers;"
        " collecting references from former colleagues;"
        " planning the household around the new working hours",
    },
    # someone changing careers: a course and a portfolio for the new field, entry-level applications in it
    ("home_retirement_life", "changer"): {
        "report_types": "CV; cover letter; job application tracker; interview notes; course certificate;"
        " portfolio; household budget",
        "recurring_meetings": "interview; online course session; networking coffee; call with a recruiter",
        "collaborators": "course tutor; recruiter; mentor in the new field; former colleague; referee; partner",
        "focuses": "retraining for the new career;"
        " building a portfolio for the new field;"
        " applying for entry-level roles in the new field;"
        " preparing for interviews with two employers;"
        " collecting references from former colleagues;"
        " budgeting through the change of career",
    },
}


# One family also holds several trades: a beekeeper, a cattle rancher and a grain farmer all farm, but a beekeeper
# sells no feeder cattle. The first group whose words the persona uses replaces the family's focuses and the
# reports its recurring work produces.
_KIND_FOCUSES: dict[str, tuple[tuple[tuple[str, ...], str, str], ...]] = {
    "agriculture_farming": (
        (
            ("beekeep", "honey", "apiar", "hive"),
            "extracting the summer honey crop; selling honey at the farmers' market; treating the hives for varroa;"
            " splitting colonies before swarming season; labelling jars for the Christmas fairs;"
            " renewing the market stall insurance",
            "hive inspection record; honey sales record; market stall accounts; varroa treatment log;"
            " jar label proof; annual farm accounts",
        ),
        (
            ("rice", "paddy", "paddies"),
            "planting the next rice crop across the paddies; logging this season's paddy harvest plot by plot;"
            " selling the new-crop paddy to the rice mill; preparing the crop insurance claim after the flood;"
            " applying for a combine harvester loan",
            "harvest record; paddy sales record; annual farm accounts; crop insurance claim; farm loan application",
        ),
        (
            ("dairy", "milk"),
            "tracking milk yields per cow; budgeting hay and feed for the winter;"
            " planning the calving season; running the herd health plan with the vet; renegotiating the milk contract"
            " with the co-op; applying for a farm equipment loan",
            "milk recording report; herd register; feed budget; annual farm accounts; vet visit notes;"
            " co-op newsletter",
        ),
        (
            ("sheep", "lamb", "ewe", "flock", "shepherd"),
            "selling store lambs at the autumn sale; budgeting hay and baleage for the winter;"
            " planning lambing on the home block; running the hogget drench and weigh programme with the vet;"
            " organising the ewe shearing with the contractor; applying for a farm equipment loan",
            "lamb sale account; flock register; feed budget; annual farm accounts; vet visit notes;"
            " farm loan application",
        ),
        (
            ("cattle", "beef", "ranch", "livestock", "sheep", "lamb", "herd", "hog", "pig"),
            "selling feeder cattle at the autumn auction; budgeting hay and feed for the winter;"
            " planning the calving season; running the herd health plan with the vet; making hay on the"
            " home place; renting extra pasture for the summer; applying for a farm equipment loan",
            "cattle sale receipt; herd register; feed budget; annual farm accounts; vet visit notes;"
            " farm loan application",
        ),
        (
            ("vineyard", "vine", "wine", "vintner", "vigneron", "viticult", "winegrow", "winery"),
            "picking this year's grapes block by block; bottling last year's vintage; keeping the spray diary through"
            " the season; selling wine to the shops and restaurants; selling wine at the cellar door;"
            " replanting the old vineyard rows",
            "spray diary; pick record; wine sales record; block register; annual farm accounts",
        ),
        (
            ("orchard", "apple", "fruit"),
            "planning the apple harvest; replanting the old orchard rows; booking pickers for the harvest;"
            " selling fruit at the farm shop; applying for a farm equipment loan",
            "harvest record; spray record; sales record; annual farm accounts; crop insurance claim; co-op newsletter",
        ),
    ),
    # a roofer quotes no kitchen rewiring and a plumber no loft conversion: the trade's own jobs
    "legal_compliance": (
        (
            ("immigration", "visa", "asylum", "refugee"),
            "preparing a spousal sponsorship application for a client family;"
            " an asylum appeal hearing before the immigration tribunal;"
            " renewing work permits for a care home's overseas nurses;"
            " keeping the filing-deadline diary for the immigration caseload;"
            " a judicial review of a refused visa;"
            " a citizenship application after ten years' residence",
            "legal memo; advice letter; matter list; litigation tracker; billable hours log; litigation status update",
        ),
        (
            ("family law", "divorce", "custody"),
            "a contested child arrangements hearing; negotiating a financial settlement on divorce;"
            " preparing a prenuptial agreement; a mediation information meeting for separating parents;"
            " keeping the court-date diary for the family caseload; a grandparent's application for contact",
            "legal memo; advice letter; matter list; litigation tracker; billable hours log; litigation status update",
        ),
    ),
    "skilled_trades": (
        (
            ("roofer", "roofing", "thatcher", "slater"),
            "quoting a re-roof on a terraced house; booking a flashing repair after the storm;"
            " pricing a gutter replacement for a row of bungalows; chasing unpaid invoices from last month's jobs;"
            " booking the scaffold tower for the chimney job; sorting receipts for the tax return",
            "quote; invoice; job sheet; risk assessment; customer letter; materials order",
        ),
        (
            ("plumb", "heating engineer", "gas engineer", "pipefitter"),
            "quoting a boiler replacement; ordering materials for a bathroom refit;"
            " booking the annual gas safety checks for a landlord; chasing unpaid invoices from last month's jobs;"
            " keeping the apprentice's training log up to date; sorting receipts for the tax return",
            "quote; invoice; job sheet; risk assessment; customer letter; materials order",
        ),
    ),
}


# The words, meetings and counterparts of a trade within its family, where they differ from the family's stock: a
# beekeeper's minutes speak of colonies and supers, never of bushels or feeder cattle; a vintner meets the wine
# buyer, not the grain elevator. Keyed by the first word of the trade's group in ``_KIND_FOCUSES``.
_KIND_FIELDS: dict[str, dict[str, str]] = {
    "beekeep": {
        "jargon": "colonies; brood; supers; varroa; queen; nectar flow; extraction; swarming; foundation; apiary;"
        " honey flow; beekeepers' association",
        "key_metrics": "colonies kept; honey extracted (kg); jars sold; varroa count; colonies treated; winter losses",
        "spreadsheet_kinds": "hive inspection record; honey extraction record; honey sales record; farm accounts;"
        " varroa treatment log",
        "spreadsheet_columns": "hive; apiary; date; queen seen; frames of brood; stores; varroa count; treatment;"
        " supers; kg extracted; jars; price",
        "tools": "Excel; Google Sheets; BeeTight; Apiary Book; QuickBooks; weather app; email",
    },
    "vineyard": {
        "jargon": "vintage; block; rootstock; budburst; veraison; Brix; canopy; crush; barrels; bottling run;"
        " cellar door; withholding period",
        "key_metrics": "tonnes picked; Brix at picking; litres in tank; bottles bottled; cases sold;"
        " sprays this season",
        "spreadsheet_kinds": "block register; spray diary; pick record; crush record; bottling run; wine sales record;"
        " farm accounts",
        "spreadsheet_columns": "block; variety; rootstock; rows; vines; date; product; rate; withholding period;"
        " tonnes; sugar; pH; lot; bottles; cases; price",
        "tools": "Excel; Google Sheets; vintrace; InnoVint; QuickBooks; weather app; email",
        "recurring_meetings": "co-op meeting; visit from the viticulture adviser; tasting with the wine buyer;"
        " meeting with the farm lender; equipment dealer appointment",
        "collaborators": "viticulture adviser; wine buyer; picking crew contractor; bottling supplier;"
        " spray supplier; restaurant owner; wine shop owner; neighbouring grower",
    },
}


def family_for_stage(family_id: str, life_stage: str, text: str = "") -> OccupationalFamily:
    """The family as it reads for one life stage and trade: a retiree's, a homemaker's and a job seeker's home life
    differ; a beekeeper's farm is not a cattle farm (``text``: the persona, to find its trade).

    Example:
        >>> any("jobs" in f for f in family_for_stage("home_retirement_life", "retiree").focuses)
        False
        >>> any("cattle" in f for f in family_for_stage("agriculture_farming", "self_employed", "A beekeeper").focuses)
        False
        >>> any("layoff" in f for f in family_for_stage("home_retirement_life", "job_seeker", "a new graduate").focuses)
        False
    """
    family = OCCUPATIONAL_FAMILIES[family_id]
    low = text.casefold()
    carer = life_stage == "homemaker" and _CARER.search(low) and not has_children(low)
    graduate = life_stage == "job_seeker" and is_recent_graduate(low)
    returner = life_stage == "job_seeker" and _RETURNER.search(low) is not None
    changer = life_stage == "job_seeker" and _CHANGER.search(low) is not None
    leaver = life_stage == "job_seeker" and re.search(r"\bschool[- ]leavers?\b", low) is not None
    stage = (
        "carer"
        if carer
        else "school_leaver"
        if leaver
        else "graduate"
        if graduate
        else "returner"
        if returner
        else "changer"
        if changer
        else life_stage
    )
    fields = dict(_STAGE_FIELDS.get((family_id, stage), {}))
    for words, focuses, reports in _KIND_FOCUSES.get(family_id, ()):
        if any(re.search(r"(?<!\w)" + w, low) for w in words):
            fields["focuses"], fields["report_types"] = focuses, reports
            fields.update(_KIND_FIELDS.get(words[0], {}))
            break
    update: dict[str, tuple[str, ...]] = {key: _l(value) for key, value in fields.items()}
    if family_id == "home_retirement_life":  # the stock must not presume children or a partner the text lacks
        for name in _KIN_FIELDS:
            kept = without_assumed_kin(update.get(name, getattr(family, name)), text)
            if kept != getattr(family, name):
                update[name] = kept
    if not update:
        return family
    return family.model_copy(update=update)


_CARER = re.compile(r"\b(caregiver|carer|caring for|cares for|looks? after)\b")
_RECENT_GRADUATE = re.compile(
    r"\b(?:recent|new|newly qualified|fresh)\s+(?:\w+\s+){0,3}grad(?:uate)?s?\b|\bschool[- ]leavers?\b"
    r"|\blooking for (?:a|her|his|their) first\b",
    re.I,
)
_RETURNER = re.compile(r"\b(?:returning to work|return to work|back to work after|returners?|career break)\b")
_CHANGER = re.compile(r"\b(?:career[- ]changers?|changing careers|moving from \w+ into|retraining as)\b")


def is_recent_graduate(text: str) -> bool:
    """A persona looking for a first job out of school or university: no career behind them yet.

    Example:
        >>> is_recent_graduate("A recent graduate in Lagos looking for work in banking"), is_recent_graduate("a nurse")
        (True, False)
    """
    return _RECENT_GRADUATE.search(text) is not None


_KIN_FIELDS = ("key_metrics", "spreadsheet_kinds", "spreadsheet_columns", "report_types", "recurring_meetings",
               "jargon", "collaborators", "focuses")  # fmt: skip


FAMILY_IDS: tuple[str, ...] = tuple(OCCUPATIONAL_FAMILIES)
"""Ids of all occupational families, in a fixed order."""

LIFE_FAMILY_IDS: tuple[str, ...] = (
    "agriculture_farming",
    "skilled_trades",
    "music_performing_arts",
    "creative_arts_writing",
    "student_life",
    "home_retirement_life",
)
"""Families of lives outside office work (farming, trades, music, arts, students, home and retirement)."""

PROFESSIONAL_FAMILY_IDS: tuple[str, ...] = tuple(f for f in FAMILY_IDS if f not in LIFE_FAMILY_IDS)
"""Families of office and professional working lives (the built-in pool's families)."""


IMPERIAL_COUNTRIES = frozenset({"US", "LR", "MM"})
"""Countries that measure land, crops and weights in acres, bushels and pounds."""

_METRIC_WORDS = (
    ("yield per acre", "yield per hectare"),
    ("bu/acre", "t/ha"),
    ("per acre", "per hectare"),
    ("acres", "hectares"),
    ("acre", "hectare"),
    ("bushels", "tonnes"),
    ("bushel", "tonne"),
    ("tons", "tonnes"),
    ("lbs", "kg"),
    ("gallons", "litres"),
    ("miles", "km"),
    ("sq ft", "m²"),
)
# the UK keeps acres and miles, but weighs grain and feed in tonnes and kilograms
_BRITISH_WORDS = (("bu/acre", "t/acre"), ("bushels", "tonnes"), ("bushel", "tonne"), ("tons", "tonnes"),
                  ("lbs", "kg"), ("gallons", "litres"))  # fmt: skip


def _rules(words: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(rf"(?<![\w/]){re.escape(old)}(?![\w/])"), new) for old, new in words)


_METRIC = _rules(_METRIC_WORDS)
_BRITISH = _rules(_BRITISH_WORDS)


def localize_units(family: OccupationalFamily, country_code: str | None) -> OccupationalFamily:
    """The family's vocabulary in the units of the user's country: metric outside the US (a Swedish farmer records
    tonnes per hectare, not bushels per acre); the UK keeps acres and miles but weighs grain in tonnes.

    Example:
        >>> from synthcomp_agents.personas import OCCUPATIONAL_FAMILIES
        >>> farm = OCCUPATIONAL_FAMILIES["agriculture_farming"]
        >>> localize_units(farm, "SE").key_metrics[0], localize_units(farm, "US").key_metrics[0]
        ('yield per hectare', 'yield per acre')
    """
    if not country_code or country_code in IMPERIAL_COUNTRIES:
        return family
    rules = _BRITISH if country_code == "GB" else _METRIC

    def metric(words: tuple[str, ...]) -> tuple[str, ...]:
        out: list[str] = []
        for word in words:
            for pattern, new in rules:
                word = pattern.sub(new, word)
            if word not in out:
                out.append(word)
        return tuple(out)

    fields = ("key_metrics", "spreadsheet_columns", "spreadsheet_kinds", "report_types", "jargon", "units", "focuses")
    update = {name: metric(getattr(family, name)) for name in fields}
    if all(update[name] == getattr(family, name) for name in fields):
        return family
    return family.model_copy(update=update)
