/* gen_library.c — writes a synthetic, deterministic guideline library for
 * the `urc check` benchmark: a catalogue (measures, settings, specialties,
 * plans) and N guidelines of about 100 lines each, spread over PT, OT and
 * SLP and their specialties.
 *
 *   gen_library OUTDIR [-n GUIDELINES] [-s SEED]
 *
 * The library is meant to check clean (no errors, no warnings), so the
 * generator obeys every rule the checker enforces:
 *  - diagnosis codes are unique across the whole library, and no code is a
 *    string prefix of another (every code of an ICD-10 category has the same
 *    length), so no two guidelines ever claim the same diagnosis;
 *  - windows fit the settings' and the specialty's limits, approvals fit
 *    the window and the frequency, and continued approvals the settings'
 *    concurrent-review period;
 *  - thresholds lie inside each measure's range, 'mcid'/'mdc' are used only
 *    for measures that have them, 'setting is' names a setting of the
 *    guideline;
 *  - every rule can fire: each rule is accepted only if some sampled
 *    request satisfies it and none of the earlier rules of its phase (a
 *    concrete witness, evaluated with the checker's semantics: integer
 *    features, a measure's change and percent change as separate values,
 *    scores inside the range, scales scored in levels as whole numbers),
 *    and every phase ends with 'otherwise';
 *  - every measure a phase tests is named by a 'require' line first.
 * Output depends only on the arguments (own PRNG, no clock, no locale). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- deterministic random numbers (splitmix64) ---- */

static uint64_t rng_state;

static uint64_t rnd64(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* 0 <= rnd(n) < n */
static int rnd(int n)
{
	return n <= 1 ? 0 : (int)(rnd64() % (uint64_t)n);
}

/* true with probability pct/100 */
static int chance(int pct)
{
	return rnd(100) < pct;
}

static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "gen_library: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

/* ---- word lists: "a b c" split once into arrays ---- */

typedef struct words {
	char *buf;
	const char *v[64];
	int n;
} words;

static void split(words *w, const char *s, char sep)
{
	w->buf = strdup(s);
	w->n = 0;
	char *p = w->buf;
	while (*p) {
		while (*p == sep)
			p++;
		if (!*p)
			break;
		if (w->n == 64)
			die("word list too long: %s", s);
		w->v[w->n++] = p;
		while (*p && *p != sep)
			p++;
		if (*p)
			*p++ = '\0';
	}
}

/* ---- catalogue ---- */

enum { PT, OT, SLP, NDISC };
static const char *const disc_name[NDISC] = {"PT", "OT", "SLP"};
static const char *const disc_dir[NDISC] = {"pt", "ot", "slp"};
static const char *const disc_long[NDISC] = {
	"physical therapy", "occupational therapy", "speech-language pathology"};

typedef struct measure {
	const char *id, *title;
	double lo, hi;
	const char *unit, *unit1; /* plural, singular */
	int better;               /* 1 higher, -1 lower */
	double mcid, mdc;         /* 0: not in the catalogue */
	double res;               /* resolution of thresholds */
	const char *population, *source;
} measure;

static const measure measures[] = {
	/* PT */
	{"ODI", "Oswestry Disability Index", 0, 100, "points", "point", -1, 10, 9, 2, "adults with low back pain", "Ostelo RW et al. Spine 2008;33(1):90-94"},
	{"NDI", "Neck Disability Index", 0, 50, "points", "point", -1, 7.5, 5, 1, "adults with neck pain", "Young IA et al. J Man Manip Ther 2009;17(2):82-88"},
	{"NPRS", "Numeric Pain Rating Scale", 0, 10, "points", "point", -1, 2, 2, 1, "adults with musculoskeletal pain", "Childs JD et al. Spine 2005;30(11):1331-1334"},
	{"LEFS", "Lower Extremity Functional Scale", 0, 80, "points", "point", 1, 9, 9, 1, "adults with lower limb conditions", "Binkley JM et al. Phys Ther 1999;79(4):371-383"},
	{"KOOS_JR", "KOOS, Joint Replacement", 0, 100, "points", "point", 1, 14, 0, 2, "adults before and after knee arthroplasty", "Lyman S et al. Clin Orthop 2016;474(6):1472-1482"},
	{"HOOS_JR", "HOOS, Joint Replacement", 0, 100, "points", "point", 1, 18, 0, 2, "adults before and after hip arthroplasty", "Lyman S et al. Clin Orthop 2016;474(6):1472-1482"},
	{"SPADI", "Shoulder Pain and Disability Index", 0, 100, "points", "point", -1, 13, 18, 2, "adults with shoulder pain", "Roy JS et al. Arthritis Rheum 2009;61(5):623-632"},
	{"PSFS", "Patient-Specific Functional Scale", 0, 10, "points", "point", 1, 2, 2, 0.5, "adults with musculoskeletal conditions", "Stratford P et al. Physiother Can 1995;47:258-263"},
	{"Berg", "Berg Balance Scale", 0, 56, "points", "point", 1, 5, 6, 1, "older adults and adults after stroke", "Donoghue D et al. J Rehabil Med 2009;41(5):343-346"},
	{"TUG", "Timed Up and Go", 0, 120, "seconds", "second", -1, 0, 4, 0.5, "older adults", "Shumway-Cook A et al. Phys Ther 2000;80(9):896-903"},
	{"10MWT", "10 Meter Walk Test, self-selected speed", 0, 3, "m/s", "m/s", 1, 0.1, 0.16, 0.05, "adults with gait impairment", "Perera S et al. J Am Geriatr Soc 2006;54(5):743-749"},
	{"6MWT", "6 Minute Walk Test", 0, 1000, "meters", "meter", 1, 50, 40, 10, "adults with cardiopulmonary or neurologic conditions", "Bohannon RW et al. J Eval Clin Pract 2017;23(2):377-381"},
	{"FGA", "Functional Gait Assessment", 0, 30, "points", "point", 1, 4, 5, 1, "adults with vestibular disorders", "Wrisley DM et al. Phys Ther 2004;84(10):906-918"},
	{"ABC", "Activities-specific Balance Confidence Scale", 0, 100, "points", "point", 1, 13, 0, 2, "older adults", "Powell LE et al. J Gerontol 1995;50A(1):M28-M34"},
	{"DHI", "Dizziness Handicap Inventory", 0, 100, "points", "point", -1, 18, 0, 2, "adults with dizziness", "Jacobson GP et al. Arch Otolaryngol 1990;116(4):424-427"},
	{"5xSTS", "Five Times Sit to Stand", 0, 60, "seconds", "second", -1, 2.3, 3.6, 0.5, "older adults", "Meretta BM et al. JOSPT 2006;36(1):24-31"},
	{"PFDI_20", "Pelvic Floor Distress Inventory", 0, 300, "points", "point", -1, 45, 0, 5, "women with pelvic floor disorders", "Barber MD et al. Am J Obstet Gynecol 2005;193(1):103-113"},
	{"GMFM_66", "Gross Motor Function Measure", 0, 100, "points", "point", 1, 1.6, 0, 1, "children with cerebral palsy", "Oeffinger D et al. Dev Med Child Neurol 2008;50(12):918-925"},
	{"PROMIS_PF", "PROMIS Physical Function T-score", 20, 80, "points", "point", 1, 4, 0, 1, "adults", "Hays RD et al. Qual Life Res 2015;24(10):2507-2517"},
	{"FACIT_F", "FACIT Fatigue Scale", 0, 52, "points", "point", 1, 3, 0, 1, "adults with cancer", "Cella D et al. J Pain Symptom Manage 2002;24(6):547-561"},
	{"AMPRO", "Amputee Mobility Predictor with Prosthesis", 0, 47, "points", "point", 1, 0, 3.4, 1, "adults with lower limb loss", "Gailey RS et al. Arch Phys Med Rehabil 2002;83(5):613-627"},
	/* OT */
	{"QuickDASH", "QuickDASH", 0, 100, "points", "point", -1, 15, 11, 2, "adults with upper limb conditions", "Franchignoni F et al. JOSPT 2014;44(1):30-39"},
	{"PRWE", "Patient-Rated Wrist Evaluation", 0, 100, "points", "point", -1, 14, 0, 2, "adults after wrist injury", "Walenkamp MM et al. Clin Orthop 2015;473(10):3235-3241"},
	{"COPM_P", "COPM performance", 1, 10, "points", "point", 1, 2, 0, 0.5, "clients setting occupational goals", "Law M et al. COPM manual, 5th ed. 2014"},
	{"COPM_S", "COPM satisfaction", 1, 10, "points", "point", 1, 2, 0, 0.5, "clients setting occupational goals", "Law M et al. COPM manual, 5th ed. 2014"},
	{"BBT", "Box and Block Test", 0, 150, "points", "point", 1, 0, 6, 2, "adults with upper limb paresis", "Mathiowetz V et al. Am J Occup Ther 1985;39(6):386-391"},
	{"9HPT", "Nine-Hole Peg Test", 0, 300, "seconds", "second", -1, 0, 4, 1, "adults with hand impairment", "Oxford Grice K et al. Am J Occup Ther 2003;57(5):570-573"},
	{"FIM_motor", "FIM motor subscale", 13, 91, "points", "point", 1, 17, 0, 1, "adults in inpatient rehabilitation", "Beninato M et al. Arch Phys Med Rehabil 2006;87(1):32-39"},
	{"AMPAC_DA", "AM-PAC Daily Activity raw score", 6, 24, "points", "point", 1, 2, 0, 1, "adults in acute and post-acute care", "Jette DU et al. Phys Ther 2014;94(3):379-391"},
	{"MoCA", "Montreal Cognitive Assessment", 0, 30, "points", "point", 1, 2, 4, 1, "adults with cognitive concerns", "Nasreddine ZS et al. J Am Geriatr Soc 2005;53(4):695-699"},
	{"PEDI_DA", "PEDI-CAT daily activities", 20, 80, "points", "point", 1, 3, 0, 1, "children and youth", "Haley SM et al. Dev Med Child Neurol 2011;53(12):1100-1106"},
	{"VMI", "Beery VMI standard score", 40, 160, "points", "point", 1, 0, 7, 1, "children", "Beery KE. Beery VMI manual, 6th ed. 2010"},
	{"LVFQ", "Low vision functional questionnaire", 0, 100, "points", "point", 1, 8, 0, 2, "adults with low vision", "Stelmack JA et al. Invest Ophthalmol Vis Sci 2006;47(9):3808-3815"},
	{"LYMQOL", "Lymphedema quality of life", 0, 100, "points", "point", 1, 10, 0, 2, "adults with lymphedema", "Keeley V et al. J Lymphoedema 2010;5(1):26-37"},
	/* SLP */
	{"FOIS", "Functional Oral Intake Scale", 1, 7, "levels", "level", 1, 1, 0, 1, "adults with dysphagia", "Crary MA et al. Arch Phys Med Rehabil 2005;86(8):1516-1520"},
	{"PAS", "Penetration-Aspiration Scale", 1, 8, "levels", "level", -1, 0, 1, 1, "adults with dysphagia", "Rosenbek JC et al. Dysphagia 1996;11(2):93-98"},
	{"EAT10", "Eating Assessment Tool", 0, 40, "points", "point", -1, 3, 0, 1, "adults with swallowing complaints", "Belafsky PC et al. Ann Otol Rhinol Laryngol 2008;117(12):919-924"},
	{"VHI", "Voice Handicap Index", 0, 120, "points", "point", -1, 18, 0, 2, "adults with voice disorders", "Jacobson BH et al. Am J Speech Lang Pathol 1997;6(3):66-70"},
	{"VHI10", "Voice Handicap Index-10", 0, 40, "points", "point", -1, 6, 0, 1, "adults with voice disorders", "Rosen CA et al. Laryngoscope 2004;114(9):1549-1556"},
	{"WAB_AQ", "Western Aphasia Battery Aphasia Quotient", 0, 100, "points", "point", 1, 5, 5, 1, "adults with aphasia", "Gilmore N et al. Am J Speech Lang Pathol 2019;28(4):1503-1513"},
	{"CETI", "Communicative Effectiveness Index", 0, 100, "points", "point", 1, 10, 0, 2, "adults with aphasia", "Lomas J et al. J Speech Hear Disord 1989;54(1):113-124"},
	{"NOMS_FCM", "ASHA NOMS functional communication measure", 1, 7, "levels", "level", 1, 1, 0, 1, "clients of speech-language pathology", "ASHA National Outcomes Measurement System, 2022"},
	{"SSI4", "Stuttering Severity Instrument", 0, 58, "points", "point", -1, 0, 5, 1, "children and adults who stutter", "Riley GD. SSI-4 manual, 2009"},
	{"CELF5", "CELF-5 core language score", 40, 160, "points", "point", 1, 0, 7, 1, "children 5 to 21 years", "Wiig EH et al. CELF-5 technical manual, 2013"},
	{"CAPE_V", "CAPE-V overall severity", 0, 100, "points", "point", -1, 10, 0, 2, "adults with voice disorders", "Kempster GB et al. Am J Speech Lang Pathol 2009;18(2):124-132"},
	{"MASA", "Mann Assessment of Swallowing Ability", 0, 200, "points", "point", 1, 0, 10, 2, "adults after stroke", "Mann G. MASA manual, 2002"},
	{"CCC2", "Children's Communication Checklist", 0, 100, "points", "point", 1, 0, 8, 2, "children with language concerns", "Bishop DVM. CCC-2 manual, 2003"},
};
enum { NMEASURES = sizeof measures / sizeof measures[0] };

typedef struct setting_decl {
	const char *id, *title;
	int max_auth, review; /* days */
	int weeks;            /* write the limit in weeks */
	const char *source;
} setting_decl;

static const setting_decl settings[] = {
	{"outpatient", "Outpatient clinic", 90, 30, 0, "Payer policy UM-OP-01, 2026"},
	{"home_health", "Home health", 60, 30, 0, "Payer policy UM-HH-02, 2026"},
	{"SNF", "Skilled nursing facility", 30, 7, 0, "Payer policy UM-SNF-03, 2026"},
	{"inpatient_rehab", "Inpatient rehabilitation facility", 14, 7, 1, "Payer policy UM-IRF-04, 2026"},
	{"telehealth", "Telehealth", 60, 30, 0, "Payer policy UM-TH-05, 2026"},
	{"school", "School-based services", 120, 60, 0, "Payer policy UM-SCH-06, 2026"},
	{"early_intervention", "Early intervention (IDEA Part C)", 180, 90, 0, "Payer policy UM-EI-07, 2026"},
};
enum { NSETTINGS = sizeof settings / sizeof settings[0] };

typedef struct plan_decl {
	const char *id, *title;
	int auto_approve; /* -1: none */
	const char *states, *source;
} plan_decl;

static const plan_decl plans[] = {
	{"medicare_part_b", "Medicare Part B", -1, NULL, "CMS Medicare Benefit Policy Manual, ch. 15"},
	{"medicare_advantage", "Medicare Advantage", 1, "TX OK LA AR", "Plan contract 2026, section 4"},
	{"medicaid_tx", "Texas Medicaid", 2, "TX", "Texas Medicaid Provider Procedures Manual, 2026"},
	{"medicaid_fl", "Florida Medicaid", 0, "FL", "Florida Medicaid therapy services coverage policy"},
	{"commercial_ppo", "Commercial PPO", 2, "TX FL GA NC SC", "Plan contract 2026, section 7"},
	{"commercial_hmo", "Commercial HMO", 1, "CA NV AZ", "Plan contract 2026, section 9"},
	{"workers_comp", "Workers' compensation", 1, "TX FL CA NY", "State workers' compensation treatment guidelines"},
	{"tricare", "TRICARE", 2, NULL, "TRICARE Policy Manual 6010.63-M, ch. 7"},
};
enum { NPLANS = sizeof plans / sizeof plans[0] };

typedef struct specialty_decl {
	const char *id, *title;
	int disc, max_window, peds;
	const char *measures;  /* measure ids */
	const char *cats;      /* ICD-10 categories */
	const char *settings;  /* allowed settings */
	const char *conds;     /* slug:Title;... */
	const char *evidence;  /* citations, '|' separated */
} specialty_decl;

static const specialty_decl specialties[] = {
	{"ortho", "Orthopedics", PT, 90, 0, "LEFS KOOS_JR HOOS_JR NPRS PSFS PROMIS_PF",
	 "M17 M16 M25 M23 M22 M76 S83 S72 Z96 M70", "outpatient home_health SNF telehealth",
	 "knee_oa:Knee osteoarthritis;hip_oa:Hip osteoarthritis;tka:After total knee arthroplasty;tha:After total hip arthroplasty;acl:After ACL reconstruction;pfps:Patellofemoral pain;hip_fx:After hip fracture;meniscus:Meniscal tear",
	 "Bannuru RR et al. OARSI guidelines for the non-surgical management of knee, hip and polyarticular OA. 2019|Jette DU et al. Physical therapist management of total knee arthroplasty. Phys Ther 2020;100(9):1603-1631|Logerstedt DS et al. Knee pain and mobility impairments: meniscal and articular cartilage lesions. JOSPT 2018"},
	{"spine", "Spine", PT, 90, 0, "ODI NDI NPRS PSFS PROMIS_PF",
	 "M54 M51 M48 M47 M50 M53 S13 S33", "outpatient home_health telehealth",
	 "lbp_radic:Low back pain with radiculopathy;lbp_acute:Acute low back pain;neck_pain:Neck pain with mobility deficits;whiplash:Whiplash-associated disorder;stenosis:Lumbar spinal stenosis;cervical_radic:Cervical radiculopathy",
	 "George SZ et al. Interventions for the management of acute and chronic low back pain. JOSPT 2021;51(11):CPG1-CPG60|Blanpied PR et al. Neck pain: revision 2017. JOSPT 2017;47(7):A1-A83|Delitto A et al. Low back pain. JOSPT 2012;42(4):A1-A57"},
	{"sports", "Sports medicine", PT, 60, 0, "LEFS PSFS NPRS SPADI QuickDASH",
	 "S93 S86 S76 M75 S43 M77 S46", "outpatient telehealth",
	 "ankle_sprain:Lateral ankle sprain;achilles:Achilles tendinopathy;hamstring:Hamstring strain;shoulder_instab:Shoulder instability;rotator_cuff:Rotator cuff tendinopathy;tennis_elbow:Lateral elbow tendinopathy",
	 "Martin RL et al. Ankle stability and movement coordination impairments: lateral ankle ligament sprains revision 2021. JOSPT 2021|Martin RL et al. Achilles pain, stiffness, and muscle power deficits: midportion Achilles tendinopathy revision 2018. JOSPT 2018"},
	{"neuro", "Neurologic rehabilitation", PT, 120, 0, "Berg 10MWT 6MWT FGA TUG ABC 5xSTS",
	 "I69 G35 G20 G81 G82 S06 G61", "outpatient home_health SNF inpatient_rehab",
	 "stroke_gait:Gait after stroke;ms_mobility:Multiple sclerosis, mobility;parkinson:Parkinson disease;tbi:After traumatic brain injury;sci:Incomplete spinal cord injury;gbs:Guillain-Barre syndrome",
	 "Hornby TG et al. Clinical practice guideline to improve locomotor function following chronic stroke, incomplete SCI, and brain injury. JNPT 2020;44(1):49-100|Osborne JA et al. Physical therapist management of Parkinson disease. Phys Ther 2022;102(4)"},
	{"vestibular", "Vestibular rehabilitation", PT, 60, 0, "DHI FGA ABC TUG",
	 "H81 H83 R42 H82", "outpatient telehealth",
	 "bppv:Benign paroxysmal positional vertigo;uvh:Unilateral vestibular hypofunction;concussion_dizzy:Dizziness after concussion;pppd:Persistent postural-perceptual dizziness",
	 "Hall CD et al. Vestibular rehabilitation for peripheral vestibular hypofunction: an updated CPG. JNPT 2022;46(2):118-177|Bhattacharyya N et al. Clinical practice guideline: BPPV (update). Otolaryngol Head Neck Surg 2017"},
	{"pelvic_health", "Pelvic health", PT, 90, 0, "PFDI_20 NPRS PSFS",
	 "N39 N81 R32 N94 O26 M62", "outpatient telehealth",
	 "stress_ui:Stress urinary incontinence;prolapse:Pelvic organ prolapse;pelvic_pain:Chronic pelvic pain;pregnancy_pgp:Pregnancy-related pelvic girdle pain",
	 "Dumoulin C et al. Pelvic floor muscle training versus no treatment for urinary incontinence in women. Cochrane 2018|Clinical practice guideline: pelvic girdle pain in the antepartum population. JWHPT 2022"},
	{"cardiopulm", "Cardiopulmonary", PT, 60, 0, "6MWT PROMIS_PF TUG",
	 "J44 I50 J84 I25 U09 J96", "outpatient home_health SNF telehealth",
	 "copd:Chronic obstructive pulmonary disease;heart_failure:Heart failure;post_covid:Post COVID-19 condition;ild:Interstitial lung disease",
	 "Spruit MA et al. An official ATS/ERS statement: key concepts in pulmonary rehabilitation. AJRCCM 2013;188(8):e13-e64|Heidenreich PA et al. 2022 AHA/ACC/HFSA guideline for heart failure. Circulation 2022"},
	{"geriatrics", "Geriatrics", PT, 90, 0, "Berg TUG 5xSTS ABC 10MWT",
	 "R26 W19 M62 R54 Z91 R29", "outpatient home_health SNF telehealth",
	 "falls:Fall risk;deconditioning:Deconditioning after hospital stay;frailty:Frailty;gait_abn:Abnormality of gait",
	 "Montero-Odasso M et al. World guidelines for falls prevention and management for older adults. Age Ageing 2022;51(9)|Avin KG et al. Management of falls in community-dwelling older adults. Phys Ther 2015;95(6):815-834"},
	{"peds_pt", "Pediatric physical therapy", PT, 180, 1, "GMFM_66 PEDI_DA 10MWT",
	 "G80 F82 Q65 M41 R62 Q66 P94", "outpatient school early_intervention home_health",
	 "cp_gross_motor:Cerebral palsy, gross motor;dcd:Developmental coordination disorder;torticollis:Congenital muscular torticollis;hypotonia:Hypotonia;toe_walking:Idiopathic toe walking",
	 "Jackman M et al. Interventions to improve physical function for children and young people with cerebral palsy. Dev Med Child Neurol 2022|Kaplan SL et al. Physical therapy management of congenital muscular torticollis: 2018 CPG. Pediatr Phys Ther 2018"},
	{"oncology", "Oncology rehabilitation", PT, 90, 0, "FACIT_F 6MWT PROMIS_PF",
	 "C50 C34 C18 Z85 G62 R53", "outpatient home_health telehealth",
	 "cancer_fatigue:Cancer-related fatigue;cipn:Chemotherapy-induced neuropathy;breast_postop:After breast cancer surgery",
	 "Campbell KL et al. Exercise guidelines for cancer survivors: consensus statement. Med Sci Sports Exerc 2019;51(11):2375-2390"},
	{"amputee", "Amputation and prosthetics", PT, 120, 0, "AMPRO 6MWT TUG 10MWT",
	 "Z89 T87 S88 S78", "outpatient home_health inpatient_rehab",
	 "tta:Transtibial amputation;tfa:Transfemoral amputation;prosthetic_gait:Prosthetic gait training",
	 "VA/DoD clinical practice guideline for rehabilitation of individuals with lower limb amputation, 2017"},
	{"hand", "Hand and upper extremity", OT, 90, 0, "QuickDASH PRWE 9HPT COPM_P NPRS",
	 "S52 S62 M65 G56 M18 S63 M72", "outpatient telehealth",
	 "distal_radius:Distal radius fracture;carpal_tunnel:Carpal tunnel syndrome;trigger_finger:Trigger finger;cmc_oa:Thumb CMC osteoarthritis;flexor_tendon:After flexor tendon repair;dupuytren:Dupuytren contracture",
	 "AAOS clinical practice guideline: management of distal radius fractures, 2020|Erickson M et al. Carpal tunnel syndrome: CPG. JOSPT 2019;49(5):CPG1-CPG85"},
	{"neuro_ot", "Neurologic occupational therapy", OT, 120, 0, "FIM_motor BBT 9HPT COPM_P AMPAC_DA MoCA",
	 "I63 G30 G35 G20 S14 G93", "outpatient home_health SNF inpatient_rehab",
	 "stroke_ue:Upper limb after stroke;stroke_adl:Daily activities after stroke;ms_adl:Multiple sclerosis, daily activities;dementia_adl:Daily activities in dementia;tbi_cog:Cognition after brain injury",
	 "Wolf TJ et al. Occupational therapy practice guidelines for adults with stroke. AOTA Press 2020|Piersol CV et al. Occupational therapy interventions for people with Alzheimer's disease. AJOT 2017"},
	{"peds_ot", "Pediatric occupational therapy", OT, 180, 1, "PEDI_DA VMI COPM_P",
	 "F82 F84 F88 R27 Q90 R63", "outpatient school early_intervention home_health",
	 "fine_motor:Fine motor delay;sensory:Sensory processing difficulties;handwriting:Handwriting difficulties;feeding_ot:Pediatric feeding difficulties;asd_adl:Autism, daily living skills",
	 "Frolek Clark GJ et al. Occupational therapy practice guidelines for children and youth ages 5-21 years. AOTA Press 2020|Novak I et al. State of the evidence traffic lights 2019. Curr Neurol Neurosci Rep 2020"},
	{"low_vision", "Low vision rehabilitation", OT, 90, 0, "LVFQ COPM_P",
	 "H54 H35 H40 H53", "outpatient home_health",
	 "amd:Age-related macular degeneration;glaucoma_adl:Glaucoma, daily activities;hemianopia:Homonymous hemianopia",
	 "Kaldenberg J et al. Occupational therapy practice guidelines for older adults with low vision. AOTA Press 2023"},
	{"lymphedema", "Lymphedema", OT, 60, 0, "LYMQOL QuickDASH",
	 "I89 I97 Q82", "outpatient home_health",
	 "ue_lymph:Upper limb lymphedema;le_lymph:Lower limb lymphedema",
	 "Executive Committee of the International Society of Lymphology. Consensus document 2020. Lymphology 2020;53:3-19"},
	{"geri_ot", "Geriatric occupational therapy", OT, 90, 0, "AMPAC_DA COPM_P MoCA FIM_motor",
	 "R41 R26 Z74 M62 R54", "outpatient home_health SNF",
	 "home_safety:Home safety and fall prevention;adl_decline:Decline in daily activities;cog_decline:Mild cognitive impairment",
	 "Leland NE et al. Occupational therapy practice guidelines for productive aging for community-dwelling older adults. AOTA 2017"},
	{"dysphagia", "Dysphagia", SLP, 60, 0, "FOIS PAS EAT10 MASA",
	 "R13 I69 K22 J69 C10", "outpatient home_health SNF inpatient_rehab",
	 "oropharyngeal:Oropharyngeal dysphagia;post_stroke_dys:Dysphagia after stroke;hnc_dys:Dysphagia after head and neck cancer;esoph_dys:Pharyngoesophageal dysphagia",
	 "Dziewas R et al. Diagnosis and treatment of neurogenic dysphagia: ESO guideline. Eur Stroke J 2021|ASHA Practice Portal: Adult Dysphagia, 2024"},
	{"aphasia", "Aphasia", SLP, 120, 0, "WAB_AQ CETI NOMS_FCM",
	 "R47 I67 F80 I60", "outpatient home_health SNF telehealth",
	 "aphasia_stroke:Aphasia after stroke;ppa:Primary progressive aphasia;anomia:Anomic aphasia",
	 "Brady MC et al. Speech and language therapy for aphasia after stroke. Cochrane 2016|Simmons-Mackie N et al. Aphasia United best practice recommendations. Aphasiology 2017"},
	{"voice", "Voice", SLP, 90, 0, "VHI VHI10 CAPE_V",
	 "R49 J38 J37 G21", "outpatient telehealth",
	 "vocal_nodules:Vocal fold nodules;muscle_tension:Muscle tension dysphonia;vf_paralysis:Vocal fold paralysis;pd_voice:Hypophonia in Parkinson disease",
	 "Stachler RJ et al. Clinical practice guideline: hoarseness (dysphonia) update. Otolaryngol Head Neck Surg 2018;158(1S):S1-S42"},
	{"fluency", "Fluency", SLP, 120, 0, "SSI4 NOMS_FCM",
	 "F80 F98 R47", "outpatient school telehealth",
	 "stutter_child:Childhood-onset fluency disorder;stutter_adult:Adult stuttering;cluttering:Cluttering",
	 "ASHA Practice Portal: Fluency Disorders, 2024|Onslow M et al. Lidcombe Program treatment guide, 2021"},
	{"peds_language", "Pediatric language", SLP, 180, 1, "CELF5 CCC2 NOMS_FCM",
	 "F80 F84 H90 R48 Q87", "outpatient school early_intervention telehealth home_health",
	 "dld:Developmental language disorder;late_talker:Late language emergence;asd_comm:Autism, social communication;ssd:Speech sound disorder;cas:Childhood apraxia of speech",
	 "ASHA Practice Portal: Spoken Language Disorders, 2024|Law J et al. Speech and language therapy interventions for children with primary speech and/or language disorders. Cochrane 2017"},
	{"cognitive_comm", "Cognitive-communication", SLP, 90, 0, "MoCA NOMS_FCM",
	 "R41 S06 F03 G31 F07", "outpatient home_health SNF inpatient_rehab telehealth",
	 "tbi_comm:Cognitive-communication after brain injury;dementia_comm:Communication in dementia;rhd:Right hemisphere disorder",
	 "Togher L et al. INCOG 2.0 guidelines for cognitive rehabilitation following TBI. J Head Trauma Rehabil 2023"},
	{"motor_speech", "Motor speech", SLP, 90, 0, "NOMS_FCM VHI10",
	 "R47 G12 G20 G71", "outpatient home_health telehealth",
	 "dysarthria:Dysarthria;aos:Apraxia of speech;als_comm:Communication in ALS",
	 "Duffy JR. Motor speech disorders, 4th ed. 2020|ASHA Practice Portal: Dysarthria in Adults, 2024"},
	{"peds_feeding", "Pediatric feeding", SLP, 120, 1, "FOIS NOMS_FCM",
	 "R63 P92 Q35 Q37", "outpatient home_health early_intervention",
	 "pfd:Pediatric feeding disorder;cleft_feed:Feeding with cleft lip and palate;preterm_feed:Feeding after preterm birth",
	 "Goday PS et al. Pediatric feeding disorder: consensus definition and conceptual framework. JPGN 2019;68(1):124-129"},
};
enum { NSPECIALTIES = sizeof specialties / sizeof specialties[0] };

typedef struct spec_info {
	words meas, cats, sets, conds, ev;
	int measure_ix[16], nmeas;
	int setting_ix[8], nsets;
} spec_info;
static spec_info spec_infos[NSPECIALTIES];

static int measure_index(const char *id)
{
	for (int i = 0; i < NMEASURES; i++)
		if (strcmp(measures[i].id, id) == 0)
			return i;
	die("unknown measure %s", id);
	return -1;
}

static int setting_index(const char *id)
{
	for (int i = 0; i < NSETTINGS; i++)
		if (strcmp(settings[i].id, id) == 0)
			return i;
	die("unknown setting %s", id);
	return -1;
}

static void init_specialties(void)
{
	for (int s = 0; s < NSPECIALTIES; s++) {
		spec_info *si = &spec_infos[s];
		split(&si->meas, specialties[s].measures, ' ');
		split(&si->cats, specialties[s].cats, ' ');
		split(&si->sets, specialties[s].settings, ' ');
		split(&si->conds, specialties[s].conds, ';');
		split(&si->ev, specialties[s].evidence, '|');
		for (int i = 0; i < si->meas.n; i++)
			si->measure_ix[si->nmeas++] = measure_index(si->meas.v[i]);
		for (int i = 0; i < si->sets.n; i++)
			si->setting_ix[si->nsets++] = setting_index(si->sets.v[i]);
	}
}

/* ---- output helpers ---- */

static FILE *out;
static unsigned long long seed_used;
static long lines_written;

static void emit(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	for (const char *p = fmt; *p; p++)
		if (*p == '\n')
			lines_written++;
}

/* A number as the language writes it: no exponent, no trailing zeros. */
static const char *num(double v, char *buf)
{
	if (fabs(v - floor(v + 0.5)) < 1e-9) {
		sprintf(buf, "%.0f", floor(v + 0.5));
	} else {
		sprintf(buf, "%.3f", v);
		char *e = buf + strlen(buf) - 1;
		while (*e == '0')
			*e-- = '\0';
		if (*e == '.')
			*e = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return buf;
}

static double round_to(double v, double res)
{
	return floor(v / res + 0.5) * res;
}

static void write_catalogue(const char *dir)
{
	char path[4096], a[32], b[32];
	snprintf(path, sizeof path, "%s/catalogue.guide", dir);
	out = fopen(path, "w");
	if (!out)
		die("cannot write %s: %s", path, strerror(errno));
	emit("# catalogue.guide - measures, settings, specialties and plans shared by\n"
	     "# every guideline of the synthetic benchmark library. Generated by\n"
	     "# bench/gen_library.c; do not edit.\n\n");
	emit("# ---- outcome measures ----\n\n");
	for (int i = 0; i < NMEASURES; i++) {
		const measure *m = &measures[i];
		emit("measure %s \"%s\" {\n", m->id, m->title);
		emit("  range %s to %s %s\n", num(m->lo, a), num(m->hi, b), m->unit);
		emit("  better %s\n", m->better > 0 ? "higher" : "lower");
		if (m->mcid > 0)
			emit("  mcid %s %s\n", num(m->mcid, a), m->mcid == 1 ? m->unit1 : m->unit);
		if (m->mdc > 0)
			emit("  mdc %s %s\n", num(m->mdc, a), m->mdc == 1 ? m->unit1 : m->unit);
		emit("  population \"%s\"\n", m->population);
		emit("  source \"%s\"\n}\n\n", m->source);
	}
	emit("# ---- settings of care ----\n\n");
	for (int i = 0; i < NSETTINGS; i++) {
		const setting_decl *s = &settings[i];
		emit("setting %s \"%s\" {\n", s->id, s->title);
		if (s->weeks && s->max_auth % 7 == 0)
			emit("  authorization at most %d weeks\n", s->max_auth / 7);
		else
			emit("  authorization at most %d days\n", s->max_auth);
		emit("  review every %d days\n", s->review);
		emit("  source \"%s\"\n}\n\n", s->source);
	}
	emit("# ---- specialties ----\n\n");
	for (int i = 0; i < NSPECIALTIES; i++) {
		const specialty_decl *s = &specialties[i];
		emit("specialty %s \"%s\" {\n", s->id, s->title);
		emit("  window at most %d days\n", s->max_window);
		emit("  source \"Payer policy UM-%s-%02d, %s\"\n}\n\n", disc_name[s->disc], i + 1,
		     "2026");
	}
	emit("# ---- health plans ----\n\n");
	for (int i = 0; i < NPLANS; i++) {
		const plan_decl *p = &plans[i];
		emit("plan %s \"%s\" {\n", p->id, p->title);
		if (p->auto_approve >= 0)
			emit("  auto approve %d %s\n", p->auto_approve,
			     p->auto_approve == 1 ? "request" : "requests");
		if (p->states)
			emit("  states %s\n", p->states);
		emit("  source \"%s\"\n}\n\n", p->source);
	}
	if (fclose(out) != 0)
		die("cannot write %s", path);
}

/* ---- diagnosis codes: unique, none a prefix of another ---- */

enum { CODE_TABLE = 1 << 15 };
static char *code_table[CODE_TABLE];

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Adds s; returns 0 when it was there already. */
static int code_add(const char *s)
{
	uint32_t i = hash_str(s) & (CODE_TABLE - 1);
	while (code_table[i]) {
		if (strcmp(code_table[i], s) == 0)
			return 0;
		i = (i + 1) & (CODE_TABLE - 1);
	}
	code_table[i] = strdup(s);
	return 1;
}

/* A new code of category cat (e.g. M17). All codes of a category have
 * the same number of characters after the dot (2 to 4, fixed by the
 * category), so none is a prefix of another. */
static int new_code(const char *cat, char *buf)
{
	int len = 2 + (int)(hash_str(cat) % 3);
	static const char tail[] = "0123456789XADS";
	for (int tries = 0; tries < 200; tries++) {
		char *p = buf + sprintf(buf, "%s.", cat);
		for (int i = 0; i < len; i++) {
			if (i < 2)
				*p++ = (char)('0' + rnd(10));
			else
				*p++ = tail[rnd((int)sizeof tail - 1)];
		}
		*p = '\0';
		if (code_add(buf))
			return 1;
	}
	return 0;
}

/* ---- the space of requests: axes and sampled points ---- */

enum {
	AX_VU,  /* visits used */
	AX_VR,  /* visits requested */
	AX_RN,  /* request number */
	AX_DS,  /* days since start of care */
	AX_AGE, /* age in months */
	AX_MEAS /* per measure: AXM_* */
};
enum { AXM_CH_IN, AXM_CH_PREV, AXM_PCT_IN, AXM_PCT_PREV, AXM_SC_IN, AXM_SC_LATEST, AXM_SC_PREV, AXM_N };
enum { MAXGM = 3 }; /* measures per guideline */
enum { AX_SET = AX_MEAS + MAXGM * AXM_N, AX_PLAN, NAX };
enum { NPOINTS = 2048 };

static const int vu_menu[] = {6, 8, 10, 12, 16, 20, 24, 30, 36};
static const int vr_menu[] = {4, 6, 8, 10, 12, 16, 20};
static const int rn_menu[] = {2, 3, 4, 5, 6};
static const int ds_menu[] = {30, 42, 45, 60, 84, 90, 120, 180};
static const int pct_menu[] = {10, 20, 25, 30, 50};
#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

typedef struct gl {
	int id; /* 1-based */
	int disc, spec;
	int meas[MAXGM], nmeas;
	int sets[4], nsets;
	int wmin, wmax;  /* days; wmin 0 when absent */
	int rmax;        /* days: shortest concurrent-review period of its settings */
	int freq, per_day;
	char slug[64], title[160], name[96];
	const char *cond_title;
} gl;

/* Values one axis can take in a sample: the domain's ends and values on
 * both sides of every threshold the generator may write. */
static double sample_axis(const gl *g, int ax)
{
	switch (ax) {
	case AX_VU: return rnd(45);
	case AX_VR: return 1 + rnd(30);
	case AX_RN: return 1 + rnd(9);
	case AX_DS: return rnd(240);
	case AX_AGE: return rnd(1100); /* months */
	case AX_SET: return rnd(g->nsets);
	case AX_PLAN: return rnd(NPLANS + 1); /* NPLANS: a plan no rule names */
	}
	int k = (ax - AX_MEAS) / AXM_N, which = (ax - AX_MEAS) % AXM_N;
	if (k >= g->nmeas)
		return 0;
	const measure *m = &measures[g->meas[k]];
	/* Scales scored in whole levels are integer axes for the checker:
	 * sample whole levels on both sides of each threshold. */
	int whole = strcmp(m->unit, "levels") == 0;
	double span = m->hi - m->lo, d = whole ? 1 : m->res / 2;
	switch (which) {
	case AXM_CH_IN:
	case AXM_CH_PREV: {
		/* thresholds: 0 (any change), mcid, mdc, fractions of the span */
		double t;
		switch (rnd(6)) {
		case 0: t = 0; break;
		case 1: t = m->mcid; break;
		case 2: t = m->mdc; break;
		case 3: t = -span * (rnd(5) + 1) / 10.0; break;
		default: t = round_to(span * (rnd(6) + 1) / 20.0, m->res); break;
		}
		double v = t + (rnd(3) - 1) * d;
		if (whole)
			v = floor(v + 0.5);
		return v < -span ? -span : v > span ? span : v;
	}
	case AXM_PCT_IN:
	case AXM_PCT_PREV:
		if (chance(15))
			return -20 + rnd(21);
		return pct_menu[rnd(NELEM(pct_menu))] + rnd(3) - 1;
	default: {
		if (chance(10))
			return chance(50) ? m->lo : m->hi;
		double t = round_to(m->lo + span * (rnd(9) + 1) / 10.0, m->res);
		double v = t + (rnd(3) - 1) * d;
		return v < m->lo ? m->lo : v > m->hi ? m->hi : v;
	}
	}
}

/* ---- conditions ---- */

enum { C_LT, C_LE, C_GT, C_GE, C_EQ, C_NE };
static const char *const cmp_text[] = {"<", "<=", ">", ">=", "=", "!="};

typedef struct atom {
	int ax;
	int set;     /* AX_SET / AX_PLAN: member index; negated in neg */
	int neg;
	int cmp;
	double v;
	int kind;    /* for rule names */
	char text[200];
} atom;

enum { K_VU, K_VR, K_RN, K_DS, K_AGE_YOUNG, K_AGE_OLD, K_IMPROVED, K_GAIN, K_SLOW, K_PCT, K_SCORE_HI, K_SCORE_LO, K_SETTING, K_PLAN };

typedef struct cnode {
	int op; /* 0 atom, 1 and, 2 or, 3 not */
	struct cnode *l, *r;
	atom a;
} cnode;

static cnode node_pool[64];
static int node_used;

static cnode *node_new(int op)
{
	if (node_used == NELEM(node_pool))
		die("condition too large");
	cnode *n = &node_pool[node_used++];
	memset(n, 0, sizeof *n);
	n->op = op;
	return n;
}

static int cmp_eval(int cmp, double x, double v)
{
	switch (cmp) {
	case C_LT: return x < v;
	case C_LE: return x <= v;
	case C_GT: return x > v;
	case C_GE: return x >= v;
	case C_EQ: return x == v;
	default: return x != v;
	}
}

static int eval(const cnode *n, const double *pt)
{
	switch (n->op) {
	case 1: return eval(n->l, pt) && eval(n->r, pt);
	case 2: return eval(n->l, pt) || eval(n->r, pt);
	case 3: return !eval(n->l, pt);
	}
	const atom *a = &n->a;
	if (a->ax == AX_SET || a->ax == AX_PLAN)
		return ((int)pt[a->ax] == a->set) != a->neg;
	return cmp_eval(a->cmp, pt[a->ax], a->v);
}

static int rand_cmp_upper(void) { return chance(50) ? C_GE : C_GT; }
static int rand_cmp_lower(void) { return chance(50) ? C_LT : C_LE; }

/* Numbers: "8 visits" or plain "8" (both are accepted for visits). */
static const char *unit_for(const measure *m, double v)
{
	return fabs(v - 1) < 1e-9 ? m->unit1 : m->unit;
}

/* One atom suited to the phase (initial: about the request and the intake;
 * continued: about progress and use so far). */
static void gen_atom(const gl *g, int continued, atom *a)
{
	char b1[32];
	memset(a, 0, sizeof *a);
	const specialty_decl *sp = &specialties[g->spec];
	int k = rnd(g->nmeas);
	const measure *m = &measures[g->meas[k]];
	double span = m->hi - m->lo;
	int w[14];
	/* weights per kind */
	if (!continued) {
		int ww[14] = {1, 5, 1, 0, 2, 2, 0, 0, 0, 0, 4, 3, 2, 3};
		memcpy(w, ww, sizeof w);
	} else {
		int ww[14] = {4, 3, 3, 2, 1, 1, 3, 5, 3, 2, 2, 2, 1, 2};
		memcpy(w, ww, sizeof w);
	}
	if (g->nsets < 2)
		w[K_SETTING] = 0;
	if (sp->peds)
		w[K_AGE_OLD] = 0;
	int total = 0;
	for (int i = 0; i < 14; i++)
		total += w[i];
	int r = rnd(total), kind = 0;
	while (r >= w[kind])
		r -= w[kind++];
	a->kind = kind;
	switch (kind) {
	case K_VU:
		a->ax = AX_VU;
		a->cmp = rnd(4);
		a->v = vu_menu[rnd(NELEM(vu_menu))];
		snprintf(a->text, sizeof a->text, "visits used %s %s", cmp_text[a->cmp], num(a->v, b1));
		break;
	case K_VR:
		a->ax = AX_VR;
		a->cmp = rnd(4);
		a->v = vr_menu[rnd(NELEM(vr_menu))];
		snprintf(a->text, sizeof a->text, "visits requested %s %s%s", cmp_text[a->cmp],
		         num(a->v, b1), chance(30) ? " visits" : "");
		break;
	case K_RN:
		a->ax = AX_RN;
		a->cmp = chance(15) ? C_EQ : rnd(4);
		a->v = rn_menu[rnd(NELEM(rn_menu))];
		snprintf(a->text, sizeof a->text, "request number %s %s", cmp_text[a->cmp], num(a->v, b1));
		break;
	case K_DS: {
		a->ax = AX_DS;
		a->cmp = chance(70) ? rand_cmp_upper() : rand_cmp_lower();
		a->v = ds_menu[rnd(NELEM(ds_menu))];
		int d = (int)a->v;
		if (d % 7 == 0 && chance(50))
			snprintf(a->text, sizeof a->text, "days since start of care %s %d weeks",
			         cmp_text[a->cmp], d / 7);
		else
			snprintf(a->text, sizeof a->text, "days since start of care %s %d days",
			         cmp_text[a->cmp], d);
		break;
	}
	case K_AGE_YOUNG:
	case K_AGE_OLD: {
		a->ax = AX_AGE;
		int months = 0;
		if (kind == K_AGE_YOUNG) {
			a->cmp = rand_cmp_lower();
			if (sp->peds) {
				static const int pm[] = {6, 18, 36, 60, 72, 96};
				months = pm[rnd(NELEM(pm))];
			} else {
				static const int am[] = {216, 216, 252, 192};
				months = am[rnd(NELEM(am))];
			}
		} else {
			a->cmp = rand_cmp_upper();
			static const int om[] = {780, 780, 840, 900, 960};
			months = om[rnd(NELEM(om))];
		}
		a->v = months;
		if (months % 12 == 0 && (months >= 24 || chance(50)))
			snprintf(a->text, sizeof a->text, "age %s %d years", cmp_text[a->cmp], months / 12);
		else
			snprintf(a->text, sizeof a->text, "age %s %d months", cmp_text[a->cmp], months);
		break;
	}
	case K_IMPROVED:
	case K_GAIN:
	case K_SLOW:
	case K_PCT: {
		int prev = continued && chance(30);
		const char *since = prev ? " since previous" : (chance(15) ? " since intake" : "");
		if (kind == K_PCT) {
			a->ax = AX_MEAS + k * AXM_N + (prev ? AXM_PCT_PREV : AXM_PCT_IN);
			a->v = pct_menu[rnd(NELEM(pct_menu))];
			int less = chance(25);
			a->cmp = less ? C_LT : C_GE;
			snprintf(a->text, sizeof a->text, "%s improved by %s %s percent%s", m->id,
			         less ? "less than" : "at least", num(a->v, b1), since);
			break;
		}
		a->ax = AX_MEAS + k * AXM_N + (prev ? AXM_CH_PREV : AXM_CH_IN);
		if (kind == K_IMPROVED) {
			a->cmp = C_GT;
			a->v = 0;
			snprintf(a->text, sizeof a->text, "%s improved%s", m->id, since);
			break;
		}
		a->cmp = kind == K_GAIN ? C_GE : C_LT;
		const char *how = kind == K_GAIN ? "at least" : "less than";
		int c = rnd(3);
		if (c == 0 && m->mcid > 0) {
			a->v = m->mcid;
			snprintf(a->text, sizeof a->text, "%s improved by %s mcid%s", m->id, how, since);
		} else if (c == 1 && m->mdc > 0) {
			a->v = m->mdc;
			snprintf(a->text, sizeof a->text, "%s improved by %s mdc%s", m->id, how, since);
		} else {
			a->v = round_to(span * (rnd(6) + 1) / 20.0, m->res);
			if (a->v <= 0)
				a->v = m->res;
			snprintf(a->text, sizeof a->text, "%s improved by %s %s %s%s", m->id, how,
			         num(a->v, b1), unit_for(m, a->v), since);
		}
		break;
	}
	case K_SCORE_HI:
	case K_SCORE_LO: {
		int mom;
		if (!continued)
			mom = AXM_SC_IN;
		else
			mom = chance(70) ? AXM_SC_LATEST : (chance(50) ? AXM_SC_IN : AXM_SC_PREV);
		static const char *const momname[] = {"intake", "latest", "previous"};
		a->ax = AX_MEAS + k * AXM_N + mom;
		a->v = round_to(m->lo + span * (rnd(9) + 1) / 10.0, m->res);
		/* "severe": the worse end of the scale */
		int worse_high = m->better < 0;
		int want_high = (kind == K_SCORE_HI) == worse_high;
		a->cmp = want_high ? rand_cmp_upper() : rand_cmp_lower();
		snprintf(a->text, sizeof a->text, "%s at %s %s %s %s", m->id,
		         momname[mom - AXM_SC_IN], cmp_text[a->cmp], num(a->v, b1), unit_for(m, a->v));
		break;
	}
	case K_SETTING: {
		a->ax = AX_SET;
		a->set = rnd(g->nsets);
		a->neg = chance(25);
		snprintf(a->text, sizeof a->text, "setting is %s%s", a->neg ? "not " : "",
		         settings[g->sets[a->set]].id);
		break;
	}
	default: {
		a->ax = AX_PLAN;
		a->set = rnd(NPLANS);
		a->neg = chance(20);
		snprintf(a->text, sizeof a->text, "plan is %s%s", a->neg ? "not " : "", plans[a->set].id);
		break;
	}
	}
}

static cnode *gen_cond(const gl *g, int continued)
{
	node_used = 0;
	int natoms;
	int r = rnd(100);
	natoms = r < 25 ? 1 : r < 65 ? 2 : r < 90 ? 3 : 4;
	cnode *parts[4];
	for (int i = 0; i < natoms; i++) {
		parts[i] = node_new(0);
		/* one test per value: no "age > 75 years and age <= 18 years" */
		for (int tries = 0; tries < 20; tries++) {
			gen_atom(g, continued, &parts[i]->a);
			int clash = 0;
			for (int j = 0; j < i; j++) {
				const cnode *q = parts[j]->op == 3 ? parts[j]->l : parts[j];
				clash |= q->a.ax == parts[i]->a.ax;
			}
			if (!clash)
				break;
		}
		if (chance(12) && parts[i]->a.ax != AX_SET && parts[i]->a.ax != AX_PLAN) {
			cnode *n = node_new(3);
			n->l = parts[i];
			parts[i] = n;
		}
	}
	/* Combine left to right, sometimes grouping the last two first. */
	cnode *t = parts[0];
	for (int i = 1; i < natoms; i++) {
		cnode *rhs = parts[i];
		if (i + 1 < natoms && chance(30)) {
			cnode *grp = node_new(chance(50) ? 2 : 1);
			grp->l = parts[i];
			grp->r = parts[i + 1];
			i++;
			if (chance(15)) {
				cnode *n = node_new(3);
				n->l = grp;
				grp = n;
			}
			rhs = grp;
		}
		cnode *n = node_new(chance(70) ? 1 : 2);
		n->l = t;
		n->r = rhs;
		t = n;
	}
	return t;
}

/* Prints a condition; parentheses where 'and' binds tighter than 'or',
 * and around an 'and' inside an 'or' for the reader. */
static void print_cond(const cnode *n, char *buf, size_t cap)
{
	size_t len = strlen(buf);
	if (n->op == 0) {
		snprintf(buf + len, cap - len, "%s", n->a.text);
		return;
	}
	if (n->op == 3) {
		snprintf(buf + len, cap - len, "not ");
		if (n->l->op == 0) {
			print_cond(n->l, buf, cap);
		} else {
			strncat(buf, "(", cap - strlen(buf) - 1);
			print_cond(n->l, buf, cap);
			strncat(buf, ")", cap - strlen(buf) - 1);
		}
		return;
	}
	const cnode *kids[2] = {n->l, n->r};
	for (int i = 0; i < 2; i++) {
		const cnode *c = kids[i];
		int paren = (c->op == 1 || c->op == 2) && c->op != n->op;
		/* a right-nested group of the same operator keeps its parentheses */
		if (i == 1 && c->op == n->op)
			paren = 1;
		if (i == 1)
			strncat(buf, n->op == 1 ? " and " : " or ", cap - strlen(buf) - 1);
		if (paren)
			strncat(buf, "(", cap - strlen(buf) - 1);
		print_cond(c, buf, cap);
		if (paren)
			strncat(buf, ")", cap - strlen(buf) - 1);
	}
}

/* ---- outcomes ---- */

static const char *const refer_reasons[] = {
	"no measurable progress toward goals; physician review of continued need",
	"episode longer than the guideline expects; review the plan of care",
	"visit count beyond the usual episode for this diagnosis",
	"decline in function; review for a change in medical status",
	"request outside the expected population for this guideline",
	"goal reached: review whether skilled care is still needed",
	"repeat requests without change since the previous one",
	"the plan asks for physician review at this point of care",
};
static const char *const pend_reasons[] = {
	"send the latest scores with the progress note",
	"send the plan of care signed by the referring provider",
	"send the intake evaluation with objective measures",
	"send goals with target dates and the home program",
	"send the physician order and the surgical report",
	"send attendance and the reason for missed visits",
	"send the updated functional goals",
};

/* Days an approval lasts: within the window, and in the continued phase
 * no longer than the settings' concurrent-review period. */
static int approval_days(const gl *g, int continued)
{
	static const int dl[] = {7, 14, 21, 28, 30, 42, 45, 56, 60, 84, 90, 120, 180};
	int cand[NELEM(dl)], n = 0;
	int lo = g->wmin ? g->wmin : 7;
	int hi = continued && g->rmax < g->wmax ? g->rmax : g->wmax;
	for (int i = 0; i < NELEM(dl); i++)
		if (dl[i] >= lo && dl[i] <= hi)
			cand[n++] = dl[i];
	if (n == 0)
		return hi;
	return cand[rnd(n)];
}

static void print_outcome(const gl *g, int kind, int continued, char *buf, size_t cap)
{
	if (kind == 0) {
		int d = approval_days(g, continued);
		int maxv = g->per_day ? g->freq * d : (int)floor(g->freq * d / 7.0 + 1e-9);
		int cap_v = continued ? 16 : 12;
		if (maxv > cap_v)
			maxv = cap_v;
		int lo = maxv / 2 < 1 ? 1 : maxv / 2;
		int v = lo + rnd(maxv - lo + 1);
		const char *up = chance(75) ? "up to " : "";
		if (d % 7 == 0 && chance(35))
			snprintf(buf, cap, "approve %s%d %s over %d weeks", up, v, v == 1 ? "visit" : "visits", d / 7);
		else
			snprintf(buf, cap, "approve %s%d %s over %d days", up, v, v == 1 ? "visit" : "visits", d);
	} else if (kind == 1) {
		snprintf(buf, cap, "refer \"%s\"", refer_reasons[rnd(NELEM(refer_reasons))]);
	} else {
		const char *r = pend_reasons[rnd(NELEM(pend_reasons))];
		if (chance(40))
			snprintf(buf, cap, "pend \"send the latest %s score with the progress note\"",
			         measures[g->meas[rnd(g->nmeas)]].id);
		else
			snprintf(buf, cap, "pend \"%s\"", r);
	}
}

static void emit_cites(const gl *g)
{
	const spec_info *si = &spec_infos[g->spec];
	int n = rnd(100) < 45 ? 0 : rnd(100) < 75 ? 1 : 2;
	int ev = rnd(si->ev.n), mk = rnd(g->nmeas);
	for (int i = 0; i < n; i++) {
		if (i == 0 ? chance(60) : chance(30)) {
			emit("      cite \"%s\"\n", si->ev.v[ev]);
			ev = (ev + 1) % si->ev.n;
		} else {
			const measure *m = &measures[g->meas[mk]];
			emit("      cite \"%s (%s)\"\n", m->source, m->id);
			mk = (mk + 1) % g->nmeas;
		}
	}
}

/* ---- rule names ---- */

/* Names by the kind of the first test and its direction (after 'not'). */
static const char *const names_up[][3] = {
	[K_VU] = {"visit cap reached", "many visits used", "long course of care"},
	[K_VR] = {"large request", "request above the usual dose", "intensive request"},
	[K_RN] = {"repeat request", "third or later request", "late renewal"},
	[K_DS] = {"long episode", "episode past the usual length", "extended care"},
	[K_AGE_YOUNG] = {"adult patient", "past pediatric age", "adult dose"},
	[K_AGE_OLD] = {"older adult", "fall-risk age", "advanced age"},
	[K_IMPROVED] = {"any progress", "improving", "moving toward goals"},
	[K_GAIN] = {"meaningful progress", "clinically important gain", "strong response"},
	[K_SLOW] = {"slow progress", "plateau", "minimal change"},
	[K_PCT] = {"relative gain", "proportional progress", "percent gain"},
	[K_SCORE_HI] = {"high severity", "marked limitation", "severe presentation"},
	[K_SCORE_LO] = {"mild limitation", "near goal", "low severity"},
};
static const char *const names_down[][3] = {
	[K_VU] = {"early in the episode", "visits within the usual dose", "few visits used"},
	[K_VR] = {"modest request", "short request", "small request"},
	[K_RN] = {"first renewal", "early renewal", "early request"},
	[K_DS] = {"early episode", "recent start of care", "within expected duration"},
	[K_AGE_YOUNG] = {"pediatric patient", "young child", "under the adult age"},
	[K_AGE_OLD] = {"younger adult", "under geriatric age", "working-age adult"},
	[K_IMPROVED] = {"no progress", "no change", "not improving"},
	[K_GAIN] = {"progress below threshold", "no meaningful gain", "small gain"},
	[K_SLOW] = {"progress beyond measurement error", "steady progress", "continued gains"},
	[K_PCT] = {"small relative change", "little relative progress", "low percent gain"},
	[K_SCORE_HI] = {"not severe", "moderate limitation", "moderate presentation"},
	[K_SCORE_LO] = {"still limited", "goal not reached", "remaining limitation"},
};

static void rule_name(const cnode *c, char used[][80], int nused, char *buf, int *leaning)
{
	*leaning = 0;
	const cnode *n = c;
	int neg = 0;
	while (n->op != 0) {
		neg ^= n->op == 3;
		n = n->l;
	}
	const atom *a = &n->a;
	char tmp[64];
	if (a->kind == K_SETTING) {
		const char *id = a->text + strlen(a->neg ? "setting is not " : "setting is ");
		snprintf(tmp, sizeof tmp, neg != a->neg ? "outside %s" : "%s %s", id,
		         rnd(2) ? "episode" : "dose");
	} else if (a->kind == K_PLAN) {
		const char *id = a->text + strlen(a->neg ? "plan is not " : "plan is ");
		snprintf(tmp, sizeof tmp, neg != a->neg ? "not %s" : "%s %s", id,
		         rnd(2) ? "member" : "benefit");
	} else {
		int up = a->cmp == C_GT || a->cmp == C_GE;
		if (a->kind == K_SLOW)
			up = 1;
		if (neg)
			up = !up;
		snprintf(tmp, sizeof tmp, "%s", (up ? names_up : names_down)[a->kind][rnd(3)]);
		/* favourable tests lean to approval, unfavourable ones to review */
		static const signed char fav_up[] = {
			[K_VU] = -1, [K_VR] = -1, [K_RN] = -1, [K_DS] = -1, [K_AGE_YOUNG] = 0,
			[K_AGE_OLD] = 0, [K_IMPROVED] = 1, [K_GAIN] = 1, [K_SLOW] = -1, [K_PCT] = 1,
			[K_SCORE_HI] = 1, [K_SCORE_LO] = -1};
		*leaning = up ? fav_up[a->kind] : -fav_up[a->kind];
	}
	for (int k = 1;; k++) {
		if (k == 1)
			snprintf(buf, 80, "%s", tmp);
		else
			snprintf(buf, 80, "%s (%d)", tmp, k);
		int dup = 0;
		for (int i = 0; i < nused; i++)
			if (strcmp(used[i], buf) == 0)
				dup = 1;
		if (!dup)
			return;
	}
}

/* ---- phases ---- */

static double points[NPOINTS][NAX];
static unsigned char covered[NPOINTS];

static void emit_cond_lines(const char *cond)
{
	/* Long conditions wrap before a top-level 'and' / 'or'. */
	size_t len = strlen(cond);
	if (len <= 64) {
		emit("%s\n", cond);
		return;
	}
	int depth = 0;
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		if (cond[i] == '(')
			depth++;
		else if (cond[i] == ')')
			depth--;
		else if (depth == 0 && i > start + 24 && cond[i] == ' ' &&
		         (strncmp(cond + i, " and ", 5) == 0 || strncmp(cond + i, " or ", 4) == 0)) {
			emit("%.*s\n        ", (int)(i - start), cond + start);
			start = i + 1;
		}
	}
	emit("%s\n", cond + start);
}

static void gen_phase(const gl *g, int continued)
{
	emit("  %s {\n", continued ? "continued" : "initial");
	/* require lines */
	for (int k = 0; k < g->nmeas; k++) {
		/* every measure a rule tests is required first, with the two
		 * scores a change needs (the checker warns about a rule whose
		 * scores no 'require' guarantees) */
		const char *id = measures[g->meas[k]].id;
		if (!continued)
			emit("    require %s%s\n", id, k == 0 ? "" : " at intake and latest");
		else if (k == 0)
			emit("    require %s at intake and latest\n", id);
		else
			emit("    require %s at %s\n", id, chance(50) ? "intake and latest" : "previous and latest");
	}
	if (!continued)
		emit("    # Rules are tried in order; the first that matches decides.\n");
	else
		emit("    # Progress is judged against the catalogue's MCID and MDC where one exists.\n");

	for (int i = 0; i < NPOINTS; i++) {
		for (int ax = 0; ax < NAX; ax++)
			points[i][ax] = sample_axis(g, ax);
		covered[i] = 0;
	}
	int target = 8 + rnd(5);
	char used[16][80];
	int nused = 0;
	for (int r = 0; r < target; r++) {
		cnode *c = NULL;
		int ok = 0;
		int left = 0;
		for (int i = 0; i < NPOINTS; i++)
			left += !covered[i];
		for (int tries = 0; tries < 600 && !ok; tries++) {
			c = gen_cond(g, continued);
			/* Early rules are narrow, so later ones have room to fire. */
			int need = tries < 400 ? 4 : 1, most = tries < 300 ? left / 4 : left;
			int hit = 0;
			for (int i = 0; i < NPOINTS && hit <= most; i++)
				if (!covered[i] && eval(c, points[i]))
					hit++;
			ok = hit >= need && hit <= most;
		}
		if (!ok)
			break;
		for (int i = 0; i < NPOINTS; i++)
			if (!covered[i] && eval(c, points[i]))
				covered[i] = 1;
		char cond[1024] = "", outcome[256], name[80];
		print_cond(c, cond, sizeof cond);
		int leaning;
		rule_name(c, used, nused, name, &leaning);
		int roll = rnd(100), kind;
		if (leaning > 0)
			kind = roll < 75 ? 0 : roll < 90 ? 2 : 1;
		else if (leaning < 0)
			kind = roll < 15 ? 0 : roll < 75 ? 1 : 2;
		else
			kind = roll < 50 ? 0 : roll < 75 ? 1 : 2;
		print_outcome(g, kind, continued, outcome, sizeof outcome);
		snprintf(used[nused++], 80, "%s", name);
		emit("    rule \"%s\" when ", name);
		emit_cond_lines(cond);
		emit("      %s\n", outcome);
		emit_cites(g);
	}
	char outcome[256];
	print_outcome(g, continued ? (chance(60) ? 1 : 2) : (chance(70) ? 0 : 2), continued,
	              outcome, sizeof outcome);
	emit("    otherwise %s\n", outcome);
	emit_cites(g);
	emit("  }\n");
}

/* ---- guidelines ---- */

static const char *const variants[] = {
	"adults", "older adults", "acute", "chronic", "post-operative", "recurrent",
	"return to work", "community mobility", "home program", "high risk",
};
static const char *const peds_variants[] = {
	"infants", "toddlers", "school age", "adolescents", "early intervention", "home program",
};

static void make_dir(const char *path)
{
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		die("cannot create %s: %s", path, strerror(errno));
}

static void gen_guideline(const char *dir, int id, gl *g)
{
	memset(g, 0, sizeof *g);
	g->id = id;
	int r = rnd(100);
	g->disc = r < 45 ? PT : r < 75 ? OT : SLP;
	int cand[NSPECIALTIES], nc = 0;
	for (int s = 0; s < NSPECIALTIES; s++)
		if (specialties[s].disc == g->disc)
			cand[nc++] = s;
	g->spec = cand[rnd(nc)];
	const specialty_decl *sp = &specialties[g->spec];
	const spec_info *si = &spec_infos[g->spec];

	/* condition, names */
	const char *cond = si->conds.v[rnd(si->conds.n)];
	const char *colon = strchr(cond, ':');
	snprintf(g->slug, sizeof g->slug, "%.*s", (int)(colon - cond), cond);
	g->cond_title = colon + 1;
	const char *variant = sp->peds ? peds_variants[rnd(NELEM(peds_variants))]
	                               : variants[rnd(NELEM(variants))];
	snprintf(g->name, sizeof g->name, "%s_%s_%04d", disc_dir[g->disc], g->slug, id);
	snprintf(g->title, sizeof g->title, "%s, %s, %s", g->cond_title, variant, disc_long[g->disc]);

	/* measures: 1 to 3 distinct ones of the specialty */
	int want = 1 + rnd(si->nmeas < MAXGM ? si->nmeas : MAXGM);
	if (want < 2 && si->nmeas >= 2 && chance(70))
		want = 2;
	while (g->nmeas < want) {
		int m = si->measure_ix[rnd(si->nmeas)], dup = 0;
		for (int i = 0; i < g->nmeas; i++)
			dup |= g->meas[i] == m;
		if (!dup)
			g->meas[g->nmeas++] = m;
	}

	/* settings: 1 to 3 of the specialty's */
	int nset = 1 + rnd(si->nsets < 3 ? si->nsets : 3);
	while (g->nsets < nset) {
		int s = si->setting_ix[rnd(si->nsets)], dup = 0;
		for (int i = 0; i < g->nsets; i++)
			dup |= g->sets[i] == s;
		if (!dup)
			g->sets[g->nsets++] = s;
	}

	/* window within the settings' and the specialty's limits */
	int limit = sp->max_window, facility = 0;
	g->rmax = 100000;
	for (int i = 0; i < g->nsets; i++) {
		const setting_decl *s = &settings[g->sets[i]];
		if (s->max_auth < limit)
			limit = s->max_auth;
		if (s->review < g->rmax)
			g->rmax = s->review;
		if (strcmp(s->id, "SNF") == 0 || strcmp(s->id, "inpatient_rehab") == 0)
			facility = 1;
	}
	static const int wl[] = {14, 21, 28, 30, 42, 45, 56, 60, 84, 90, 120, 180};
	int top = 0;
	for (int i = 0; i < NELEM(wl); i++)
		if (wl[i] <= limit)
			top = i;
	g->wmax = wl[top > 0 && chance(35) ? top - 1 : top];
	if (chance(55)) {
		int c2[NELEM(wl)], n2 = 0;
		/* at most half the window, and no longer than a review period so
		 * that continued approvals can fit both */
		for (int i = 0; i < NELEM(wl); i++)
			if (wl[i] * 2 <= g->wmax + 14 && wl[i] < g->wmax && wl[i] <= g->rmax)
				c2[n2++] = wl[i];
		g->wmin = n2 ? c2[rnd(n2)] : (g->wmax > 7 ? 7 : 0);
	}
	if (facility && chance(50)) {
		g->per_day = 1;
		g->freq = 1;
	} else {
		g->freq = facility ? 5 : sp->peds ? 1 + rnd(2) : 1 + rnd(3);
	}

	/* the file */
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, disc_dir[g->disc]);
	make_dir(path);
	snprintf(path, sizeof path, "%s/%s/%s", dir, disc_dir[g->disc], sp->id);
	make_dir(path);
	snprintf(path, sizeof path, "%s/%s/%s/%s.guide", dir, disc_dir[g->disc], sp->id, g->name);
	out = fopen(path, "w");
	if (!out)
		die("cannot write %s: %s", path, strerror(errno));

	emit("# %s.guide - %s\n", g->name, g->title);
	emit("# Synthetic utilization-review guideline (urc benchmark library, seed %llu).\n",
	     seed_used);
	emit("# %s, %s; generated by bench/gen_library.c, do not edit.\n", disc_long[g->disc],
	     sp->title);
	emit("use \"../../catalogue.guide\"\n\n");
	emit("guideline %s \"%s\" version %d {\n", g->name, g->title, 1 + rnd(4));
	emit("  effective %d-%02d-01\n", 2025 + rnd(2), 1 + rnd(12));
	emit("  discipline %s\n", disc_name[g->disc]);
	emit("  specialty %s\n", sp->id);
	int ncodes = 2 + rnd(5);
	char code[32];
	emit("  diagnoses");
	for (int i = 0; i < ncodes; i++) {
		if (i == 3)
			emit("\n  diagnoses");
		const char *cat = si->cats.v[rnd(si->cats.n)];
		if (!new_code(cat, code))
			die("ran out of diagnosis codes in %s", cat);
		emit(" %s%s", code, chance(8) ? "-" : "");
	}
	emit("\n  settings");
	for (int i = 0; i < g->nsets; i++)
		emit(" %s", settings[g->sets[i]].id);
	emit("\n");
	int nev = 1 + rnd(si->ev.n < 2 ? si->ev.n : 2);
	int first = rnd(si->ev.n);
	for (int i = 0; i < nev; i++)
		emit("  evidence \"%s\"\n", si->ev.v[(first + i) % si->ev.n]);
	emit("\n  authorization {\n");
	if (g->wmin)
		emit("    window %d days to %d days\n", g->wmin, g->wmax);
	else if (g->wmax % 7 == 0 && chance(40))
		emit("    window %d weeks\n", g->wmax / 7);
	else
		emit("    window %d days\n", g->wmax);
	emit("    frequency at most %d per %s\n", g->freq, g->per_day ? "day" : "week");
	emit("  }\n\n");
	gen_phase(g, 0);
	emit("\n");
	gen_phase(g, 1);
	emit("}\n");
	if (fclose(out) != 0)
		die("cannot write %s", path);
}

int main(int argc, char **argv)
{
	const char *dir = NULL;
	long n = 1000;
	unsigned long long seed = 20260101;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			n = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (argv[i][0] != '-' && !dir)
			dir = argv[i];
		else {
			fprintf(stderr, "usage: gen_library OUTDIR [-n GUIDELINES] [-s SEED]\n");
			return 2;
		}
	}
	if (!dir || n < 1 || n > 9999) {
		fprintf(stderr, "usage: gen_library OUTDIR [-n GUIDELINES (1-9999)] [-s SEED]\n");
		return 2;
	}
	rng_state = seed;
	seed_used = seed;
	init_specialties();
	make_dir(dir);
	write_catalogue(dir);
	long cat_lines = lines_written;
	gl g;
	for (long i = 1; i <= n; i++)
		gen_guideline(dir, (int)i, &g);
	printf("gen_library: %ld guidelines + catalogue, %ld lines (catalogue %ld), seed %llu\n", n,
	       lines_written, cat_lines, seed);
	return 0;
}
