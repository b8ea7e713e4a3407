"""The default word rules: which phrases count, and the words that change what they mean.

Each rule has a code (the reason moderators read), the topic it is about (a content-warning
label key) and a weight:

- HIGH: wanting to die, suicide, self-harm. About the writer now it is high risk; about
  someone else, or about the writer's past, it is a concern.
- CONCERN: distress, eating disorders, abuse, sexual violence, violence, heavy drinking or
  drug use. About the writer or someone else it is a concern; in the past, a topic only.
- TOPIC: says what the text is about (a content warning), not that anyone is at risk.
- SIGN: a plan, means, a time or a goodbye. Counted only beside a HIGH finding about the
  writer now (then it adds its reason); alone it says nothing ("I have a plan for revision").

A rule with `needs_person` is a bare noun ("suicide", "anorexia"): it is about the writer
only when the sentence says so (I, me, my) or speaks of now (again, tonight), else it is
talk about the subject (an article, a campaign) and only a topic.

The words around a match change it (word_rules.py applies them):
NEGATORS with only HELPERS between them and the match cancel it ("I'm not suicidal", "I
would never hurt myself"); FIGURATIVE phrases cancel any match they overlap ("this traffic
is killing me", "dying to see it"); PAST and RECENT words say when; HYPOTHETICAL and
FRAMING words mark talk about others as a question, a story or the news; FIRST and OTHER
persons say who it is about.

Patterns use the notation of patterns.py. Keep every entry plain enough to explain.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from forumkit.risk.model import Topic
from forumkit.risk.patterns import Pattern
from forumkit.risk.reading import stem


class Weight(Enum):
    HIGH = "high"
    CONCERN = "concern"
    TOPIC = "topic"
    SIGN = "sign"


EXPLANATIONS: dict[str, str] = {
    "suicidal_thoughts": "speaks of wanting to die, suicide or ending their life",
    "self_harm": "speaks of hurting themselves on purpose",
    "plan_or_means": "speaks of a plan or means",
    "timing": "speaks of when",
    "goodbye": "speaks of saying goodbye or of not being around",
    "distress": "speaks of hopelessness or not coping",
    "eating_disorder": "speaks of restricting, bingeing or purging food",
    "abuse": "speaks of being hurt, threatened or controlled by someone",
    "sexual_violence": "speaks of sexual violence",
    "violence": "speaks of violence or threats",
    "substance_use": "speaks of drinking or drug use getting out of hand",
    "about_someone_else": "about someone else, not the writer",
    "in_the_past": "about the past or recovery",
}

MACROS: dict[str, str] = {
    "SELF": "myself|meself|my_self|mysel",
    "OTHERSELF": "himself|herself|themselves|themself|yourself|urself|hisself",
    "ANYSELF": "{SELF}|{OTHERSELF}",
    "MY": "my|his|her|their|your|ur|me",
    "DONT": "don't|dont|do_not|didn't|didnt|did_not|doesn't|doesnt|does_not|no_longer",
    "CANT": "can't|cant|cannot|can_not|couldn't|couldnt",
    "WISH": "wish|wished|wishing|want|wanted|wanting|wanna",
    "PILLS": "pills|tablets|meds|medication|paracetamol|painkillers|sleeping_pills|pill",
    "PERSON": "he|she|they|my_dad|my_mum|my_mom|my_father|my_mother|my_stepdad|my_partner|"
              "my_husband|my_wife|my_boyfriend|my_girlfriend|my_bf|my_gf|my_ex|my_brother|"
              "my_sister|someone|somebody|a_man|a_guy|this_guy|this_man|a_group",
    "KIN": "mum|mom|mam|mother|dad|father|son|daughter|brother|sister|husband|wife|partner|"
           "baby|nan|nana|gran|grandma|grandad|grandpa|grandmother|grandfather|best_friend|"
           "friend|uncle|aunt|auntie|cousin|dog|cat|boyfriend|girlfriend|fiance|fiancee",
    "MEDIA": "film|movie|book|novel|tv_show|the_show|a_show|this_show|series|episode|"
             "documentary|article|news|song|"
             "character|podcast|game|chapter|season|storyline|plot|netflix",
    "GONE": "dead|without_me|if_i_was_gone|if_i_were_gone|if_i_wasn't_here|if_i_wasnt_here|"
            "if_i_died|if_i_was_dead|if_i_were_dead|without_her|without_him|without_them|"
            "if_she_was_gone|if_he_was_gone|if_she_died|if_he_died",
    "SUICIDAL": "suicidal|sucidal|suicidial|suicidel|suicidle|suicdal",
    "DAY": "monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend",
}


@dataclass(frozen=True)
class Rule:
    code: str
    weight: Weight
    topic: Topic | None
    sources: tuple[str, ...]
    needs_person: bool = False
    patterns: tuple[Pattern, ...] = field(default=(), compare=False)


def rule(code: str, weight: Weight, topic: Topic | None, *sources: str,
         needs_person: bool = False) -> Rule:
    return Rule(code, weight, topic, sources, needs_person,
                tuple(Pattern.build(s, MACROS) for s in sources))


H, C, T, S = Weight.HIGH, Weight.CONCERN, Weight.TOPIC, Weight.SIGN
SUICIDE, SELF_HARM = Topic.SUICIDE, Topic.SELF_HARM

RULES: tuple[Rule, ...] = (
    # Wanting to die, suicide, ending one's life.
    rule("suicidal_thoughts", H, SUICIDE,
         "want|wanted|wanting|wish|wishing|ready|deserve|decided|plan|planning|tempted|"
         "need|urge|urges|longing|allowed to ~1 die|dead|be_dead",
         "wanna|gotta ~1 die|be_dead",
         "{WISH} i_was|i_were|i'd_been|i_had_been|i_was_just|i_could_just_be|to_be|that_i_was "
         "dead|gone|never_born|not_alive|not_here",
         "{WISH} i_had_never_been_born|i'd_never_been_born|i_was_never_born|i_were_never_born|"
         "i_hadn't_been_born|i_hadnt_been_born|i_never_existed|i_could_stop_existing",
         "{WISH} i_wasn't|i_weren't|i_wasnt|i_werent|i_didn't|i_didnt|i_hadn't|i_hadnt ~1 "
         "alive|here|born|exist|wake_up|been_born|around",
         "kill|killing|killed|kms <ANYSELF>",
         "kms|unalive|unaliving|sewerslide",
         "end|ending|ended|take|taking|took <MY> own? life|lives",
         "end|ending it_all|everything|the_pain|my_suffering",
         "end|ending it now|tonight|soon|for_good|today|forever",
         "want|wanna|going|gonna|just|gotta to? end it $",
         "better off <GONE>",
         "no|any|the|lost_my|lost_all|what's_the|whats_the reason|point|will to|in|of ~1 "
         "live|living|being_alive|stay_alive|staying_alive|exist|existing|going_on|carrying_on",
         "{DONT} want|wanna|wish to? be_alive|be_here_anymore|exist|stay_alive|wake_up|"
         "live_anymore|be_around_anymore|go_on|keep_going|carry_on|exist_anymore|wake_up",
         "{DONT} want|wanna to? live $",
         "{DONT} want|wanna to? be here ~3 anymore|any_more",
         "sleep ~3 never|not wake_up",
         "hope|hoping|wish|pray|praying i ~1 {DONT}|never|won't|wont|dont wake_up",
         "thoughts|thinking|think|thought|fantasise|fantasize|fantasising|fantasizing of|about "
         "~1 dying|death|being_dead|ending_it|not_being_here|not_existing",
         "overdose|overdosed|overdosing|od|od'd|oded",
         "took|swallowed|swallow|take|taking too_many|a_handful_of|handful|the_whole|all_of_my|"
         "all_my|a_bunch_of|loads_of|lots_of ~1 {PILLS}",
         "hang|hanging|hanged <ANYSELF>",
         "jump|jumping|throw|step|throwing|stepping <ANYSELF>? off|from|in_front_of ~2 "
         "bridge|building|roof|cliff|train|lorry|bus|balcony|tower|car_park|motorway|car",
         "life ~2 not|isn't|isnt|aint|ain't worth living|living_for",
         "not worth living",
         "{WISH} it_all|everything|this_life|my_life to? be_over|to_end|to_stop|over|end",
         "attempt|attempted|attempting|try|tried|trying to? ~1 again $",
         "thoughts|thinking|think|thought of|about ~1 jumping|hanging|overdosing|taking_pills|"
         "taking_an_overdose",
         "like|about|of|considering|consider ending|end it $",
         "ways|way|how|methods|method to ~1 die|kill_myself|end_it|end_my_life|overdose",
         "want|wanna|need out ~1 of ~1 this? life|living|existence",
         "sleep|go_to_sleep forever|for_ever|and_never_come_back",
         "end|ending|finally_end things $|tonight|now|for_good|soon",
         "since|after|before my|his|her|their ~1 attempt|attempts",
         "miss_me|care|notice|even_notice ~2 if|when i ~1 died|was_dead|were_dead|"
         "killed_myself|wasn't_alive|wasnt_alive",
         "feel|feeling|felt|feels|am|i'm|im|being|get|getting|got|so|really|very|quite|super|"
         "pretty|extremely|been|was|go|went|gone {SUICIDAL}"),
    rule("suicidal_thoughts", H, SUICIDE,
         "{SUICIDAL}|suicide|sucide|suicides",
         needs_person=True),
    # Hurting oneself.
    rule("self_harm", H, SELF_HARM,
         "cut|cutting|burn|burning|burnt|burned|hurt|hurting|harm|harming|scratch|scratching|"
         "scratched|punch|punching|hit|hitting|bang|banging|bite|biting|carve|carving|carved "
         "<ANYSELF>",
         "cutting|cut|sh|harming|burning again|tonight|last_night|today|this_morning",
         "ended_up|end_up|ending_up ~1 self_harming|selfharming|cutting|burning|hurting_myself",
         "started|start|starting|back_to|went_back_to|relapsed|go_back_to|going_back_to ~1 "
         "cutting|burning|self_harming|sh|harming",
         "want|wanted|need|needed|tempted|itching to cut|burn|sh|harm $|again|myself|so|"
         "right_now|badly|tonight",
         "burning|burn|burnt|burned|cutting|cut|scratching|scratched|hitting|hit|banging|banged|"
         "carving|carved|bruising|bruised <MY> ~1 arm|arms|legs|leg|wrist|wrists|thigh|thighs|"
         "skin|head|stomach|hips|body",
         "cuts|scars|burns|marks on ~3 arm|arms|wrist|wrists|legs|leg|thighs|thigh|stomach",
         "urge|urges|urging|craving|cravings to? ~1 cut|burn|sh|harm|self_harm|selfharm",
         "sh|self_harm|selfharm|cutting urges|urge|thoughts|cravings|scars|relapse",
         "fresh|new|deep|hide|hiding|cover|covering|covered ~1 cuts|cut|wounds|scars|burns"),
    rule("self_harm", H, SELF_HARM,
         "self|selfharm|selfharming|sh ~1 harm|harming|harmed|harmer|harms|injure|injury|"
         "injuring|injured|injurious|mutilate|mutilation",
         "selfharm|selfharming|self_harming",
         needs_person=True),
    # Signs beside the above: plan, means, timing, goodbye.
    rule("plan_or_means", H, SUICIDE,
         "{PILLS}|rope|noose|blades|razor ~3 ready|saved|lined_up|counted|counted_out|sorted",
         "stockpiling|stockpiled|stockpile|hoarding|hoarded|saving_up|saved_up|collecting|"
         "collected ~3 {PILLS}|blades",
         "tied|tying|made|making|bought ~1 a? noose"),
    rule("plan_or_means", S, None,
         "have|got|made|make|making|with ~1 a? plan|plans",
         "a_plan|plans|planned|planning|worked_out|figured_out|know|decided how|when|where ~3 "
         "do_it|end|die|go|kill",
         "decided|made_up_my_mind|i've_decided|ive_decided",
         "{PILLS}|rope|noose|blade|blades|razor|razors|bridge|gun|knife|train|tracks"),
    rule("timing", S, None,
         "tonight|tomorrow|this_weekend|this_week|soon|by_the_weekend|in_the_morning",
         "on|this|next|by {DAY}",
         "after ~2 funeral|exams|christmas|birthday|wedding|kids_are_asleep",
         "when everyone|everybody|they ~1 asleep|out|gone|away",
         "by_the_end_of ~2 week|month|year"),
    rule("goodbye", H, SUICIDE,
         "goodbye|farewell|suicide|final letter|letters|note|notes|message|messages|"
         "video|post",
         "this is goodbye|my_goodbye|my_last_post|my_final_post|my_last_message",
         "giving|gave|give|given away ~2 my ~1 things|belongings|possessions|pets|cat|dog",
         "goodbye ~1 forever|world|cruel_world",
         "won't|wont|will_not ~1 be_around|be_here|be_alive ~1 much_longer|for_long|"
         "for_much_longer|by_tomorrow|after_tonight"),
    rule("goodbye", S, None,
         "say|saying|said goodbye|goodbyes|my_goodbyes",
         "giving|gave|give|given away ~2 my ~1 stuff",
         "put|putting|sorted|sorting|sort|getting my affairs|things ~1 in_order",
         "wrote|written|writing|write ~2 letters|notes ~3 everyone|family|kids|mum|dad|"
         "parents|children"),
    # Not coping.
    rule("distress", C, None,
         "feel|feeling|felt|so|completely|totally|utterly|just|really|am|i'm|im|and ~1 "
         "hopeless|worthless|helpless|useless",
         "hopelessness|despair|despairing",
         "no|can't_see_a|cant_see_a|don't_see_a|dont_see_a future|way_out|light_at_the_end",
         "everything|life|it|all|living ~1 feels|is|seems|felt ~1 pointless|meaningless",
         "i'm|im|i_am|so done ~1 with ~1 everything|life|it_all|$",
         "no|lost_all|lost_my|out_of hope",
         "{CANT} cope|take_it|take_this|take_any_more|do_this|go_on|keep_going|carry_on|"
         "handle_it|handle_this|keep_doing_this ~1 anymore|any_more|any_longer|$",
         "{CANT} go_on|keep_living|live|keep_going|carry_on like this",
         "{DONT} want|wanna to? live like this",
         "a|such_a|just_a burden ~2 to|on|for|$",
         "nobody|no_one|noone|no-one ~1 would|will|even|wud ~1 care|miss_me|notice|care_if",
         "{WISH} to? ~2 disappear|vanish|not_exist",
         "falling_apart|breaking_point|end_of_my_tether|end_of_my_rope|rock_bottom|"
         "dark_place|darkest_place|in_crisis",
         "give|giving|gave|given up on ~1 life|everything|myself|living",
         "hate|hating my_life|myself|my_existence|being_alive"),
    rule("distress", C, None,
         "relapse|relapsed|relapsing $|again|last_night|today|yesterday|this_week"),
    # Eating disorders.
    rule("eating_disorder", C, Topic.EATING_DISORDERS,
         "anorexia|anorexic|bulimia|bulimic|arfid|ednos|osfed|eating_disorder|"
         "eating_disorders|binge_eating_disorder",
         needs_person=True),
    rule("eating_disorder", C, Topic.EATING_DISORDERS,
         "binge|binged|bingeing|binging|purge|purged|purging",
         "starve|starving|starved <SELF>",
         "restrict|restricting|restricted|restriction ~2 food|eating|calories|meals|again|$",
         "make|made|making|force|forced <SELF> sick|throw_up|vomit|puke",
         "laxative|laxatives|diet_pills|water_fasting",
         "haven't|havent|hasn't|not|barely|hardly eaten|eat|had_anything_to_eat|had_a_meal ~4 "
         "days|day|hours|since|week|all_week",
         "skip|skipping|skipped meals|meal|breakfast_and_lunch",
         "threw_up|throw_up|made_myself_sick|vomited|purged ~3 on_purpose|deliberately",
         "only eaten|ate|had ~3 today|all_day|yesterday|in_two_days|this_week",
         "count|counting|counted|obsess|obsessing|obsessed ~1 calories|calorie|over_calories|"
         "about_calories"),
    # Abuse and violence.
    rule("abuse", C, Topic.ABUSE,
         "abuse|abused|abusive|abuser|abusing|mistreated|mistreats",
         "domestic_violence|domestic_abuse|coercive_control|coercive|gaslight|gaslighting|"
         "gaslit|gaslights",
         "{PERSON} ~3 hits|hit|beats|beat|slaps|slapped|kicks|kicked|chokes|choked|strangled|"
         "pushed|shoves|shoved|threatens|threatened|hurts|hurt|controls|locks|locked me",
         "scared|afraid|terrified|frightened of ~1 him|my_partner|my_husband|my_wife|"
         "my_boyfriend|my_girlfriend|my_dad|my_stepdad|my_mum|going_home",
         "scared|afraid|terrified|frightened to go|going home",
         "{DONT}|won't|wont let me ~1 see|leave|have|go_out|talk_to ~2 friends|family|money|"
         "phone|house",
         "controls|checks|tracks|monitors ~1 my money|phone|messages|location|bank",
         needs_person=True),
    rule("sexual_violence", C, Topic.SEXUAL_VIOLENCE,
         "rape|raped|raping|rapist|sexual_assault|sexually_assaulted|sexual_abuse|"
         "sexually_abused|molest|molested|molesting|groped|groping|groomed_me|was_groomed|"
         "grooming_me|touched_me_without|spiked",
         needs_person=True),
    rule("violence", C, Topic.VIOLENCE,
         "want|wanted|wanna|going|gonna|urge|urges to? ~1 kill|stab|shoot|strangle|batter|"
         "hurt ~1 him|her|them|someone|somebody|people|everyone|my",
         "was|were|got|been|get|getting|being stabbed|shot|mugged|attacked|assaulted|beaten_up|"
         "punched|glassed|knifed|headbutted|threatened",
         "{PERSON} ~2 stabbed|attacked|punched|assaulted|mugged|pulled_a_knife|pulled_a_gun|"
         "threatened_to_kill",
         "pulled|pulls|carry|carrying|carries|threatened|waved|waving|held ~2 a? knife|gun|"
         "weapon|machete",
         "murder|murdered|murderer|stabbing|shooting|violence|violent",
         needs_person=True),
    # Drinking and drugs.
    rule("substance_use", C, Topic.SUBSTANCE_USE,
         "drinking|drunk|using|high|stoned|wasted|smoking|drank ~2 again|every_night|every_day|"
         "all_day|to_cope|to_forget|to_numb|alone|myself_to_sleep|before_work|in_the_morning",
         "relapse|relapsed|relapsing ~3 drink|drinking|alcohol|drugs|using|heroin|cocaine|coke|"
         "weed|spice",
         "can't|cant|couldn't stop drinking|using|smoking",
         "bottle|bottles ~1 of ~1 vodka|wine|whisky|gin ~2 a_day|every_day|every_night|"
         "to_myself"),
    rule("substance_use", T, Topic.SUBSTANCE_USE,
         "drunk|alcohol|alcoholic|alcoholism|heroin|cocaine|crack|meth|mdma|ketamine|spice|"
         "drugs|weed|vodka|booze|hungover|hangover|withdrawal|withdrawals|detox|rehab",
         needs_person=True),
    # Grief.
    rule("bereavement", T, Topic.BEREAVEMENT,
         "passed_away|passed_on|funeral|grief|grieving|bereavement|bereaved|miscarriage|"
         "miscarried|stillborn|stillbirth",
         "lost my|our ~1 {KIN}",
         "{KIN} ~2 died|passed|dying|death",
         needs_person=True),
)

# A negator cancels a match when only helper words stand between them (at most 4).
NEGATORS = frozenset(stem(w) for w in (
    "not", "never", "no", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt", "won't",
    "wont", "wouldn't", "wouldnt", "isn't", "isnt", "aren't", "arent", "wasn't", "wasnt",
    "haven't", "havent", "hasn't", "hasnt", "nor"))
HELPERS = frozenset(stem(w) for w in (
    "really", "ever", "even", "actually", "at", "all", "currently", "feeling", "feel", "felt",
    "am", "is", "are", "be", "being", "been", "was", "were", "going", "gonna", "to", "want",
    "wanna", "i", "i'm", "im", "think", "that", "any", "have", "had", "got", "intention",
    "intentions", "plan", "plans", "of", "thoughts", "about", "would", "will", "could", "do",
    "did", "so", "too", "remotely", "a", "the", "in", "anymore", "longer", "again", "like",
    "it", "try", "trying", "attempt", "seriously", "considering", "consider", "gone",
    "planning", "thinking", "self", "my", "myself", "life"))
NEGATION_REACH = 4

FIGURATIVE: tuple[Pattern, ...] = tuple(Pattern.build(s, MACROS) for s in (
    "is|are|was|were|it's|its|that's|thats|this|these|they're|you're|ur ~1 killing|kill|"
    "killed me|us",
    "kill|killed|killing|smashed|nailed|smashing|nailing it|that|this $|at|in|on|today",
    "killing|killed|kill it",
    "kill|killing|killed|kills for ~2 a|an|some|one",
    "kill|killing|killed time|the_lights|the_engine|the_mood|the_vibe|the_spider|a_spider|"
    "the_bugs|weeds|germs|the_boss|a_bottle|the_battery|my_battery|brain_cells",
    "killing|killed|kill <SELF> ~2 laughing|at_work|at_the_gym|working|studying|for_this|"
    "to_get|trying|over_nothing|revising",
    "dying|die|died|dead to ~1 see|go|know|try|meet|hear|watch|get|tell|read|find|hug|eat|"
    "have|play",
    "dying|dyin to",
    "to die for",
    "die|dying|died|dead|death of|from ~1 laughter|laughing|embarrassment|boredom|shame|"
    "cringe|curiosity|excitement|thirst|hunger|heat|cold|cuteness|envy|jealousy|old_age",
    "died|dying|dead laughing|lol|lmao|inside",
    "{MY}|the ~1 phone|battery|laptop|car|computer|charger|plant|plants|wifi|tv|console|"
    "ps5|xbox|headphones|engine|bulb|tablet|ipad|kindle|mouse|printer|torch|remote|"
    "conversation|chat|thread|party|dream|hopes|vibe ~2 died|dead|dying|die|dies",
    "dead tired|on_my_feet|easy|good|funny|serious|quiet|set|end|weight|heat|cute|proud|"
    "lucky|keen",
    "panic|heart|anxiety|asthma|shark|dog|allergy|allergic|gallbladder|migraine|sugar|"
    "anxiety_and_panic attack|attacks",
    "killer|killers headache|workout|heels|outfit|app|view|views|tune|queen|sudoku|whale|"
    "instinct",
    "cut|cutting|cuts down|back|out|off|ties|corners|class|classes|short|in|it_out|"
    "my_hair|hair|his_hair|her_hair|the_grass|the_cake|onions|costs|carbs|sugar|fringe|"
    "the_cord|the_crap|me_off|the_queue",
    "attacked|bitten|chased|stung by a|the|some ~1 goose|geese|dog|seagull|swan|cat|wasp|"
    "wasps|bee|bees|spider|horse|cow|pigeon|toddler",
    "kill|murder|strangle <MY> ~1 {KIN} if|when|for|because",
    "hurt|hurting|cut|burnt|burned|burn|hit|banged|scratched ~3 gym|playing|football|"
    "running|lifting|workout|training|skiing|fell|falling|fall|slipped|accident|accidentally|"
    "tripped|cooking|shaving|chopping|oven|kettle|iron|stove|pan|toast|dinner|knife_while|"
    "hob|trampoline|sport|rugby|netball|bike|cycling|dancing|yoga",
    "accidentally|accident ~2 cut|burnt|burned|hurt|scratched|hit",
    "suicide squad|bomber|bombers|bombing|bombings|doors|run|runs|mission|missions|"
    "shift|burn|lane|king|pact_in_the_film",
    "binge|binged|bingeing|binging|binges watch|watched|watching|read|reading|listen|"
    "listening|played|playing|the_series|the_show|netflix|a_series|a_show|season",
    "binge|binged|binging|bingewatched|bingewatching|bingewatch watch|watched|watching",
    "purge|purged|purging ~2 wardrobe|closet|emails|inbox|photos|files|clothes|stuff|"
    "cupboards|phone|friends_list",
    "hit|hits me ~1 that|how|hard|like|then",
    "beat|beats|beating|beaten me|us ~2 at|in|to|on",
    "a stab|go at|in_the_dark",
    "stab at",
    "shot|shots ~1 of|espresso|vaccine|flu|booster|jab|photo|tequila|vodka",
    "overdose|overdosed|overdosing|od|od'd ~2 on|of ~1 caffeine|coffee|sugar|chocolate|"
    "netflix|tiktok|screen_time|cuteness|cake|christmas|love|memes",
    "violently ill|sick|shaking|allergic|shook|shaking|ill",
    "hopeless|useless|worthless romantic|at|with|case|cases|cook|cooking|driver|singer|"
    "dancer|speller|parker|navigator",
    "could|would|i'd|id murder|kill|demolish a|an|some|the ~2 pizza|burger|coffee|tea|drink|"
    "pint|curry|kebab|beer|chippy|sandwich|cake|takeaway|chocolate|bacon",
    "been|is|was|it's|its|be murder",
    "could|would|i'd|i'll|id|will|i_could ~2 kill|murder|strangle|throttle him|her|them|"
    "you|my ~3 for|if|when|lol|haha",
    "murder mystery|mysteries|podcast|podcasts|documentary|documentaries|board_game|she_wrote",
    "true crime",
    "high school|street|streets|heels|hopes|blood_pressure|temperature|fever|score|scores|"
    "risk|up|five|chair|on_life",
    "drinking water|coffee|tea|enough|more_water|juice|plenty",
    "using the|my|a|it|this|that|his|her|an",
    "killing|kill <SELF> to|with|over ~3 work|job|exams|revision|deadline|study|studying|"
    "essay|assignment|project",
    "end|ending it with|between ~2 him|her|them|my_boyfriend|my_girlfriend|my_partner",
    "end|ending things with",
    "sick of|and_tired",
    "dying|die|died ~1 hair|my_hair|her_hair",
    "dead battery|phone|end|leaves|skin|zone|inside_lol",
    "bored|scared|worried|starving|freezing|tired to death",
    "i'm|im|i_am|literally ~1 dead|deceased|dying|ded ~1 lol|lmao|haha|$",
))

# Compounds that name the subject itself (a helpline, a campaign): a match inside one is a
# topic only, whoever is speaking ("we covered suicide prevention today").
INFORMATION: tuple[Pattern, ...] = tuple(Pattern.build(s, MACROS) for s in (
    "suicide|suicidal|self_harm|selfharm|self_injury|eating_disorder|anorexia|abuse|"
    "overdose|domestic_violence|sexual_violence prevention|awareness|helpline|helplines|"
    "hotline|hotlines|rates|rate|statistics|stats|research|charity|charities|training|"
    "scene|scenes|storyline|policy|policies|campaign|module|course|leaflet|leaflets|"
    "subforum|first_aid|bereavement|survivors",
    "prevention|awareness|helpline|hotline|research|training|statistics of|on|about|around "
    "~1 suicide|self_harm|selfharm|eating_disorders|abuse",
))
# Words that put a match itself in the past: "one year self-harm free".
RECOVERED: tuple[Pattern, ...] = tuple(Pattern.build(s, MACROS) for s in (
    "harm|harming|cutting|sh|suicide|suicidal|attempt|ed|alcohol|drug ~1 free|clean|sober",
    "free|clean|recovered|recovering|recovery|survivor from|of|after ~2 self_harm|selfharm|"
    "cutting|sh|suicide|an_attempt|anorexia|bulimia|drink|drugs|alcohol",
))

# When: words that place a sentence in the past or in recovery, or now.
PAST: tuple[Pattern, ...] = tuple(Pattern.build(s, MACROS) for s in (
    "years|year|months|decade|decades|long|while|ages|lifetime ~1 ago|since",
    "used_to|in_the_past|back_then|back_in|when_i_was|as_a_teen|as_a_teenager|"
    "as_a_kid|as_a_child|at_school|at_uni|in_my_teens|in_my_twenties|years_back",
    "days|weeks|months|years|year|month|week ~3 clean|free|sober",
    "clean|free|sober for|since",
    "recovered|recovery|recovering|survived|survivor|survivors|no_longer|not_anymore|"
    "have_not_since|haven't_since|havent_since|haven't_for|havent_for|got_through|"
    "pulled_through|came_through|better_now|doing_better|doing_well|proud_of_myself|"
    "anniversary|milestone|for_years_but",
    "i|i've|ive ~1 not|haven't|havent ~3 since|in ~1 years|months",
))
RECENT: tuple[Pattern, ...] = tuple(Pattern.build(s, MACROS) for s in (
    "again|tonight|today|last_night|yesterday|this_morning|this_week|this_evening|right_now|"
    "lately|recently|relapsed|relapse|currently|at_the_moment|atm|rn|these_days|every_day|"
    "every_night|all_the_time|constantly|keep|keeps|still_want",
))
# Talk about others framed as a question, a hypothetical, a story or the news.
HYPOTHETICAL: tuple[Pattern, ...] = tuple(Pattern.build(s, MACROS) for s in (
    "if|whether|suppose|supposing|hypothetically|in_case|what_if|imagine",
    "{MEDIA}|films|movies|books|novels|shows|songs|characters|games|articles|headlines|"
    "statistics|stats|rates|awareness|campaign|charity|fundraiser|research|first_aid|"
    "lecture|essay|assignment|dissertation|module|exam_question|poem_by|"
    "author|writer|actor|actress|singer|celebrity|tv|bbc|radio|theatre|play_about",
))

FIRST = frozenset(stem(w) for w in (
    "i", "i'm", "im", "i've", "ive", "i'd", "i'll", "me", "my", "myself", "mine", "meself",
    "mysel"))
OTHER = frozenset(stem(w) for w in (
    "he", "she", "they", "him", "her", "his", "hers", "them", "their", "himself", "herself",
    "themselves", "themself", "he's", "she's", "they're", "he'd", "she'd", "they've",
    "you", "your", "you're", "yourself", "u", "ur", "friend", "friends", "mate", "bestie",
    "bff", "sister", "sis", "brother", "bro", "mum", "mom", "mam", "mother", "dad",
    "father", "parent", "parents", "son", "daughter", "kid", "kids", "child", "children",
    "partner", "husband", "wife", "boyfriend", "girlfriend", "bf", "gf", "ex", "cousin",
    "uncle", "aunt", "auntie", "nan", "nana", "gran", "grandma", "grandad", "grandpa",
    "grandmother", "grandfather", "niece", "nephew", "colleague", "coworker", "boss",
    "flatmate", "roommate", "housemate", "neighbour", "neighbor", "teacher", "student",
    "patient", "client", "someone", "somebody", "person",
    "man", "woman", "guy", "girl", "boy", "lad", "teen", "teenager", "character",
    "classmate", "member", "celebrity", "singer", "actor", "stepdad", "stepmum", "fiance",
    "fiancee", "relative", "pupil", "oc", "protagonist"))
