using AcuBot.Bot;
using AcuBot.Bot.Safety;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Safety;

/// <summary>
/// The patterns of the shipped knowledge/red-flags.txt alone, without the meaning-based net: each detector
/// must recognise a red flag on its own (the turn tests pass when either does). One line per kind of
/// wording that a held-out set showed the patterns missing.
/// </summary>
public sealed class ShippedRedFlagPatternsTests
{
    private static readonly RedFlagRules Shipped = RedFlagRules.Parse(File.ReadAllText(Path.Combine(RepoPaths.Knowledge, "red-flags.txt")), out _);

    [Theory]
    [InlineData("my dad keeps saying he doesn't want to be alive with this pain", RedFlagCategory.Crisis)]   // about someone else
    [InlineData("she wants to end it all, she told me last night", RedFlagCategory.Crisis)]
    [InlineData("cant see myself still being here by the summer", RedFlagCategory.Crisis)]                  // not being around
    [InlineData("tonight im taking every tablet i have left", RedFlagCategory.Crisis)]                      // an overdose intended
    [InlineData("been finding it hard to wee for two days now and my lower back is awful", RedFlagCategory.Emergency)] // retention, said softly
    [InlineData("i cant pee properly since my back went", RedFlagCategory.Emergency)]
    [InlineData("booked in for thursday, btw my legs gave out again on the stairs this morning", RedFlagCategory.Emergency)] // legs giving way, again
    [InlineData("down 6kg since march without trying and my spine aches all day", RedFlagCategory.Urgent)]  // a number and its unit as one word
    [InlineData("the tingling began in my toes and has crept up to my thigh", RedFlagCategory.Emergency)]    // spreading, in other words
    [InlineData("since lunch he cannot lift his left foot and it drags when he walks", RedFlagCategory.Emergency)] // foot drop, described
    [InlineData("how many paracetamol could someone take all at once", RedFlagCategory.Crisis)]            // a lethal dose, asked
    [InlineData("ive got all my tablets lined up on the table", RedFlagCategory.Crisis)]                     // a plan
    [InlineData("been tempted to take all of my painkillers tonight", RedFlagCategory.Crisis)]            // "all of my", an intent
    [InlineData("a van knocked me off my scooter this morning and my back hurts", RedFlagCategory.Emergency)] // knocked off
    [InlineData("my mum had bowel cancer two years ago and now her spine aches", RedFlagCategory.Urgent)]    // a past cancer, back pain now
    [InlineData("my brother has been giving all his stuff away to his mates", RedFlagCategory.Crisis)]     // a warning sign in someone else
    [InlineData("dad sent me a goodbye text last night and now his phone is off", RedFlagCategory.Crisis)]   // a goodbye, then silence
    [InlineData("she said sorry and goodbye and now she isnt picking up", RedFlagCategory.Crisis)]
    [InlineData("im sat on the edge of the multi storey car park", RedFlagCategory.Crisis)]                // at a height, said plainly
    [InlineData("my back has locked and i cant move an inch, the pain is unreal", RedFlagCategory.Urgent)]  // pain so severe the patient cannot move
    [InlineData("is acupuncture ok if your legs suddenly go numb", RedFlagCategory.Emergency)]             // a sudden change, asked as a question
    [InlineData("my husband cant really feel his legs today and his back aches", RedFlagCategory.Emergency)] // loss of feeling, told plainly
    [InlineData("been having suicdal thoughts since the new year", RedFlagCategory.Crisis)]                 // a stem misspelt
    [InlineData("my son says suicde has been on his mind", RedFlagCategory.Crisis)]
    [InlineData("got a plan worked out, i just cant go on", RedFlagCategory.Crisis)]                       // a plan, with despair
    [InlineData("honestly i cant cope anymore with any of it", RedFlagCategory.Crisis)]
    [InlineData("been stashing my codeine for when i cant take it", RedFlagCategory.Crisis)]              // a named medicine hoarded
    [InlineData("my partner has a knife and says she'll use it on herself", RedFlagCategory.Crisis)]       // a means, about someone else
    [InlineData("i see no future for myself", RedFlagCategory.Crisis)]
    [InlineData("her face is drooping on one side and her back hurts", RedFlagCategory.Emergency)]       // stroke signs, with a word between
    [InlineData("theres a pulsing in my belly and this back pain is new", RedFlagCategory.Emergency)]     // a pulsing abdomen
    [InlineData("he was vomiting blood earlier and his back is bad", RedFlagCategory.Emergency)]
    [InlineData("pt reports saddle numbness, is acupuncture appropriate", RedFlagCategory.Emergency)]     // a nurse's note about one patient
    [InlineData("last night i cut my arm with a razor, hurting myself with a blade helps", RedFlagCategory.Crisis)] // self-harm with a means named
    [InlineData("i am thinking to kill myself, nobody know", RedFlagCategory.Crisis)]                   // second-language infinitive
    [InlineData("how much paracetamol is enough that a person die", RedFlagCategory.Crisis)]             // a lethal dose, asked in other words
    [InlineData("me quiero morir, no puedo más con este dolor", RedFlagCategory.Crisis)]                 // in the patient's own language
    [InlineData("nie chce zyc, everything hurts", RedFlagCategory.Crisis)]                               // the same, without its accents
    [InlineData("my husband fall down the stairs this morning and cannot stand", RedFlagCategory.Emergency)] // "fall" for "fell", with when
    [InlineData("two days after my session i have fever and the needle spots are swollen", RedFlagCategory.Emergency)] // an infection where the needles went
    [InlineData("suddenly seeing double and my face feels numb", RedFlagCategory.Emergency)]             // stroke signs without chest pain
    [InlineData("if this dont work im done w life fr", RedFlagCategory.Crisis)]                          // text-speak: "w" for "with"
    [InlineData("my mum had a fall off a chair last night and cant get up", RedFlagCategory.Emergency)]   // a fall, with when
    [InlineData("dad fall from a ladder, he is hurt bad", RedFlagCategory.Emergency)]                      // "fall" for "fell", with an injury
    [InlineData("is there a painless way to end it all, i'm worn out by this back", RedFlagCategory.Crisis)] // a method asked for
    [InlineData("my gran has sorted out her affairs and says she won't be a bother much longer", RedFlagCategory.Crisis)] // goodbyes in deeds
    [InlineData("been harming myself to cope with the pain", RedFlagCategory.Crisis)]                    // self-harm with a reason, not a means
    [InlineData("sudden ripping pain in my back and i feel faint", RedFlagCategory.Emergency)]           // a possible aneurysm
    [InlineData("mum slipped in the shower and hit her back, she can't get up", RedFlagCategory.Emergency)] // a fall, about someone else
    [InlineData("mixed my sleeping tablets with half a bottle of gin", RedFlagCategory.Emergency)]        // medicine with alcohol
    [InlineData("my stools are black and tarry and my back aches", RedFlagCategory.Emergency)]            // bleeding inside
    [InlineData("she suddenly can't lift her right arm", RedFlagCategory.Emergency)]                      // a stroke sign with a side named
    [InlineData("my flatmate is on the floor and isnt responding to me", RedFlagCategory.Emergency)]
    [InlineData("put on two fentanyl patches and now i cant stay awake", RedFlagCategory.Emergency)]
    [InlineData("my husband cant hold his water since he hurt his back", RedFlagCategory.Emergency)]      // incontinence in older words
    [InlineData("elderly mum feels hot and muddled and her back hurts", RedFlagCategory.Emergency)]       // fever with confusion
    [InlineData("my leg not so strong, every day more weak", RedFlagCategory.Emergency)]                  // "not so" grades, it does not deny
    [InlineData("back pain with a fever of 39, could acupuncture help?", RedFlagCategory.Emergency)]      // a reading makes it someone's case
    [InlineData("saddle anaesthesia and urinary retention since last night, is acupuncture appropriate?", RedFlagCategory.Emergency)] // so does a time
    [InlineData("sewerslide is on my mind a lot", RedFlagCategory.Crisis)]                                 // slang that dodges filters
    [InlineData("my brother se quiere matar, what do i do", RedFlagCategory.Crisis)]                       // someone else, in his language
    [InlineData("i keep thinking about driving the car into a wall", RedFlagCategory.Crisis)]
    [InlineData("is it normal to want to hurt yourself when the pain is bad", RedFlagCategory.Crisis)]
    [InlineData("not sure ill still be around next month, cancel my sessions", RedFlagCategory.Crisis)]
    [InlineData("i have a razor here and i cant stand this pain", RedFlagCategory.Crisis)]
    [InlineData("since my fall on the stairs my back is agony and i cant feel my toes", RedFlagCategory.Emergency)]
    [InlineData("took a bad tackle playing football and now my legs are tingling", RedFlagCategory.Emergency)]
    [InlineData("my husband pushed me against the wall and my back really hurts", RedFlagCategory.Emergency)] // an assault
    [InlineData("my flatmate isnt waking up and there are empty pill packets by the bed", RedFlagCategory.Emergency)]
    [InlineData("my daughter just had a fit and hit her back on the radiator", RedFlagCategory.Emergency)]
    [InlineData("my lips are swelling and my throat is closing after a bee sting", RedFlagCategory.Emergency)] // anaphylaxis
    [InlineData("i took 30 paracetamol this morning", RedFlagCategory.Emergency)]                                  // an overdose by number
    [InlineData("hx breast ca, new back pain that is worse at night", RedFlagCategory.Urgent)]                     // a nurse's shorthand
    [InlineData("i tried to hang myself in the summer and my neck still hurts", RedFlagCategory.Crisis)]           // an attempt, past
    [InlineData("client disclosed suicidal ideation, is acupuncture still ok", RedFlagCategory.Crisis)]
    [InlineData("my grandad is stockpiling his morphine for when the time comes", RedFlagCategory.Crisis)]
    [InlineData("i keep counting the tablets in the drawer", RedFlagCategory.Crisis)]
    [InlineData("she has been giving away her things and says she wants to join dad", RedFlagCategory.Crisis)]
    [InlineData("i just want to and my life", RedFlagCategory.Crisis)]                                              // dictation: "end my life"
    [InlineData("this is goodbye, thank you for trying", RedFlagCategory.Crisis)]
    [InlineData("my friend says she has taken something and its too late", RedFlagCategory.Crisis)]
    [InlineData("what is the lethal dose of my nerve tablets", RedFlagCategory.Crisis)]                         // a lethal dose of a medicine not named
    [InlineData("if i drove into a wall would anyone even notice", RedFlagCategory.Crisis)]
    [InlineData("my daughter says she wishes she was dead and has locked her door", RedFlagCategory.Crisis)]
    [InlineData("i have made my peace and stopped taking my tablets on purpose", RedFlagCategory.Crisis)]     // religious and passive
    [InlineData("this will be my last christmas, the pills are ready", RedFlagCategory.Crisis)]
    [InlineData("i wrote my own eulogy last night", RedFlagCategory.Crisis)]
    [InlineData("when im gone the insurance pays off the house, its all sorted for sunday", RedFlagCategory.Crisis)]
    [InlineData("goodbye cruel world, my back won", RedFlagCategory.Crisis)]
    [InlineData("me voy a matar, ya no aguanto el dolor", RedFlagCategory.Crisis)]                             // Spanish
    [InlineData("mujhe jeena nahi chahta, bahut dard hai", RedFlagCategory.Crisis)]                            // Hindi, romanised
    [InlineData("jestem ciezarem dla wszystkich", RedFlagCategory.Crisis)]                                      // Polish, without accents
    [InlineData("no puedo orinar desde esta mañana y me duele la espalda", RedFlagCategory.Emergency)]         // retention, in Spanish
    [InlineData("mi abuela se cayó y no responde", RedFlagCategory.Emergency)]
    [InlineData("tengo fiebre y escalofrios y me duele la espalda", RedFlagCategory.Emergency)]
    [InlineData("it burns when i pee and i have a temperature and back pain", RedFlagCategory.Emergency)]      // a kidney infection
    [InlineData("my husband's legs just won't hold him since yesterday", RedFlagCategory.Emergency)]
    [InlineData("my family would be better off collecting the life insurance", RedFlagCategory.Crisis)]
    [InlineData("i keep thinking about steering into the river on the way home", RedFlagCategory.Crisis)]
    [InlineData("would it be a sin to stop my insulin and let it happen", RedFlagCategory.Crisis)]
    [InlineData("he says he's ready to go and asked where the gun is kept", RedFlagCategory.Crisis)]
    [InlineData("can the pain stop forever, i mean me", RedFlagCategory.Crisis)]
    [InlineData("pagod na ako sa buhay", RedFlagCategory.Crisis)]                                                // Tagalog
    [InlineData("nao aguento mais, quero sumir", RedFlagCategory.Crisis)]                                       // Portuguese
    [InlineData("one side of her mouth is sagging and she keeps dropping things", RedFlagCategory.Emergency)]
    [InlineData("pt with ?CES: bilat sciatica, saddle anaesthesia, retention. ok for acu?", RedFlagCategory.Emergency)] // a clinician's note
    [InlineData("papa ko peshab nahi aa raha aur kamar mein dard hai", RedFlagCategory.Emergency)]              // Hindi, romanised
    // Twelfth session's kinds: an infected needle site with a fever's signs, an overdose counted, a broken needle,
    // a lung after needling, a lift gone wrong, farewells and plans said around the word.
    [InlineData("the needle site is oozing and hot to the touch and i've got the shivers", RedFlagCategory.Emergency)]
    [InlineData("popped 15 paracetamol this morning because of my back", RedFlagCategory.Emergency)]
    [InlineData("took too many muscle relaxants and i feel really strange", RedFlagCategory.Emergency)]
    [InlineData("a bit of the needle snapped off and is still in me", RedFlagCategory.Urgent)]
    [InlineData("since the needles in my upper back it hurts to breathe and i feel tight", RedFlagCategory.Emergency)]
    [InlineData("failed a rep on deadlifts and now i can barely feel both legs", RedFlagCategory.Emergency)]
    [InlineData("he cant wiggle his toes after the crash", RedFlagCategory.Emergency)]
    [InlineData("dont bother with the reminder, i'll be at peace by then", RedFlagCategory.Crisis)]
    [InlineData("the pain has won, tell my wife i love her", RedFlagCategory.Crisis)]
    [InlineData("everyone would be happier without me", RedFlagCategory.Crisis)]
    [InlineData("been sitting by the balcony railing thinking about it", RedFlagCategory.Crisis)]
    [InlineData("hope i dont wake up in the morning", RedFlagCategory.Crisis)]
    // Kinds the sets of 4 December showed missing:
    [InlineData("since my disc went i never get the urge to go to the loo", RedFlagCategory.Emergency)]     // the sensation of needing to go, lost
    [InlineData("i have no control of my bowls since monday", RedFlagCategory.Emergency)]                  // "bowls", an English word
    [InlineData("my wife can't move her legs properly since this morning", RedFlagCategory.Emergency)]       // someone else's legs
    [InlineData("grandad keeps dragging his leg when he walks now", RedFlagCategory.Emergency)]
    [InlineData("my son came off the trampoline and says his neck hurts and his hands tingle", RedFlagCategory.Emergency)] // came off, not fell
    [InlineData("the couple upstairs are shouting and i think he is hitting her", RedFlagCategory.Emergency)] // someone being hurt now
    [InlineData("my husband is grabbing his chest and says his jaw hurts", RedFlagCategory.Emergency)]
    [InlineData("one side of my body went weak all of a sudden", RedFlagCategory.Emergency)]               // a stroke sign in plain words
    [InlineData("her lips have gone blue and she is very drowsy", RedFlagCategory.Emergency)]
    [InlineData("since the session my tongue and lips are swelling and it is hard to swallow", RedFlagCategory.Emergency)] // an allergic reaction
    [InlineData("i took double the dose of tramadol because of the pain", RedFlagCategory.Emergency)]        // more than the dose
    [InlineData("had extra codeine tonight and now i feel really drowsy and strange", RedFlagCategory.Emergency)] // more, and how it feels
    [InlineData("my mum is lying at the foot of the stairs and not talking", RedFlagCategory.Emergency)]
    [InlineData("they are monitoring my aortic aneurysm and the pain in my back is suddenly severe", RedFlagCategory.Emergency)]
    [InlineData("there is a red line spreading up my arm from where the needle went in", RedFlagCategory.Emergency)] // spreading infection
    [InlineData("one of the needle sites is oozing yellow stuff", RedFlagCategory.Emergency)]
    [InlineData("no need to book me in again, i dont plan on being around next month", RedFlagCategory.Crisis)] // not being here later
    [InlineData("the only thing keeping me alive is my mum", RedFlagCategory.Crisis)]
    [InlineData("once shes gone ill go too", RedFlagCategory.Crisis)]
    [InlineData("i wrote a note to my family just in case", RedFlagCategory.Crisis)]
    [InlineData("my flatmate told me he wants to hurt themself tonight", RedFlagCategory.Crisis)]
    [InlineData("at the station i think about how easy it would be to jump", RedFlagCategory.Crisis)]
    [InlineData("i just want it all to be over for good", RedFlagCategory.Crisis)]
    [InlineData("dupa sedinta ma doare pieptul", RedFlagCategory.Emergency)]                                  // Romanian
    [InlineData("is it normal to have your heart racing after acupuncture? can barely stand", RedFlagCategory.Emergency)] // a question, then the patient's state
    [InlineData("my husband hasnt passed water since last night", RedFlagCategory.Emergency)]             // retention, told by a carer
    [InlineData("my son was stabbed at a party and his back is bleeding", RedFlagCategory.Emergency)]
    [InlineData("my boyfriend beats me and i am scared to go home", RedFlagCategory.Emergency)]            // violence at home
    [InlineData("came off my quad bike and my feet feel numb", RedFlagCategory.Emergency)]
    [InlineData("the red area round the needle mark is getting bigger and feels hot", RedFlagCategory.Emergency)] // spreading infection
    [InlineData("my lung feels tight and weird since the needles in my shoulder", RedFlagCategory.Emergency)] // a lung after needling
    [InlineData("my throat is swelling after the session", RedFlagCategory.Emergency)]
    [InlineData("she went limp on the couch after her treatment", RedFlagCategory.Emergency)]
    [InlineData("i keep blacking out since yesterday", RedFlagCategory.Emergency)]
    [InlineData("im 28 weeks pregnant with cramps and some bleeding and my back is awful", RedFlagCategory.Emergency)]
    [InlineData("my dad is not eating or drinking for two days and is very drowsy", RedFlagCategory.Emergency)]
    [InlineData("cant get my breath since the acupuncture", RedFlagCategory.Emergency)]
    [InlineData("lost weight without noticing and the back pain is worse at night", RedFlagCategory.Urgent)]
    [InlineData("my brother talks about shooting himself", RedFlagCategory.Crisis)]
    [InlineData("there are voices telling me to hurt myself", RedFlagCategory.Crisis)]
    [InlineData("she has been saying goodbye to everyone and says she is tired", RedFlagCategory.Crisis)]
    [InlineData("i feel calm now that i made my decision, thanks for everything", RedFlagCategory.Crisis)]   // sudden calm after despair
    [InlineData("he handed me his watch and asked me to look after mum", RedFlagCategory.Crisis)]
    [InlineData("gonna jump off the bridge nothing matters", RedFlagCategory.Crisis)]
    [InlineData("she gave away her clothes and all her makeup this week", RedFlagCategory.Crisis)]
    [InlineData("i see no reason to keep goin", RedFlagCategory.Crisis)]                                    // a dropped g
    [InlineData("some nights i think about walking into the river", RedFlagCategory.Crisis)]
    [InlineData("took the shotgun out again and sat with it for an hour", RedFlagCategory.Crisis)]          // a means, held
    [InlineData("grandpa rehomed his dog and keeps saying he is ready", RedFlagCategory.Crisis)]
    [InlineData("the voices keep saying i should hurt someone", RedFlagCategory.Crisis)]
    [InlineData("no wife, no job, so i picked a date", RedFlagCategory.Crisis)]
    [InlineData("what is the most tramadol you can take at once, asking for me", RedFlagCategory.Crisis)]
    [InlineData("ive been stubbing cigarettes out on my arms", RedFlagCategory.Crisis)]
    [InlineData("all my pills are on the table in front of me", RedFlagCategory.Crisis)]
    [InlineData("going to do it tonight when everyone is asleep", RedFlagCategory.Crisis)]
    [InlineData("mum locked herself in the garage and i can smell exhaust fumes", RedFlagCategory.Crisis)]
    [InlineData("i keep feeling like driving off a cliff on purpose", RedFlagCategory.Crisis)]
    [InlineData("i am not safe with myself tonight", RedFlagCategory.Crisis)]
    [InlineData("you wont hear from me again after sunday", RedFlagCategory.Crisis)]
    [InlineData("im rage quitting life after this", RedFlagCategory.Crisis)]                                // gamer slang
    [InlineData("ive been planning it for months now", RedFlagCategory.Crisis)]
    [InlineData("i just want to stop existing", RedFlagCategory.Crisis)]
    [InlineData("he texted that he wont be a problem much longer", RedFlagCategory.Crisis)]
    [InlineData("everyone would be better off, it would be easier for everyone if i was gone", RedFlagCategory.Crisis)]
    [InlineData("i am thinking of injecting all my insulin at once", RedFlagCategory.Crisis)]
    [InlineData("my colleague got crushed under a pallet and cant move his legs", RedFlagCategory.Emergency)]
    [InlineData("dad is out cold on the kitchen floor", RedFlagCategory.Emergency)]
    [InlineData("her breathing sounds rattly since the needles went in", RedFlagCategory.Emergency)]
    [InlineData("grandma is confused and not making sense and looks pale", RedFlagCategory.Emergency)]
    [InlineData("the old man next door has not answered the door for three days", RedFlagCategory.Emergency)] // a welfare check
    [InlineData("34 weeks pregnant with a bad headache and flashing lights", RedFlagCategory.Emergency)]
    [InlineData("i havent felt the baby move since last night", RedFlagCategory.Emergency)]
    [InlineData("i think i od on my meds", RedFlagCategory.Emergency)]
    [InlineData("my surgery wound is oozing and i have a fever", RedFlagCategory.Emergency)]
    [InlineData("i have a kidney stone and now a temperature of 39", RedFlagCategory.Emergency)]
    [InlineData("my gooch has gone numb since the lift", RedFlagCategory.Emergency)]                       // the saddle area in slang
    [InlineData("urine retention since this morning", RedFlagCategory.Emergency)]
    [InlineData("mum fell off a step, she has osteoporosis and screams if we move her", RedFlagCategory.Emergency)]
    [InlineData("i want me to die, every day the same pain", RedFlagCategory.Crisis)]                        // a literal translation
    [InlineData("better i go under the train and it is finished", RedFlagCategory.Crisis)]
    [InlineData("which is the highest bridge near the clinic", RedFlagCategory.Crisis)]
    [InlineData("posted my final video, goodbye", RedFlagCategory.Crisis)]
    [InlineData("is carbon monoxide a peaceful way to go", RedFlagCategory.Crisis)]
    [InlineData("what happens to my accounts if i die tonight", RedFlagCategory.Crisis)]
    [InlineData("what amount of codeine is lethal", RedFlagCategory.Crisis)]
    [InlineData("he looked up how to tie a noose", RedFlagCategory.Crisis)]
    [InlineData("my family would be better off with the life insurance money", RedFlagCategory.Crisis)]
    [InlineData("she wrote see you on the other side and went quiet", RedFlagCategory.Crisis)]
    [InlineData("i cant promise ill be safe this weekend", RedFlagCategory.Crisis)]
    [InlineData("set up a legacy contact on my account today, feels right", RedFlagCategory.Crisis)]
    [InlineData("searched how many tylenol would kill me", RedFlagCategory.Crisis)]
    [InlineData("after acupuncture i have problem to breathe", RedFlagCategory.Emergency)]
    [InlineData("my cousin drank bleach and is foaming at the mouth", RedFlagCategory.Emergency)]
    [InlineData("half of her face is dropping and she cannot talk properly", RedFlagCategory.Emergency)]
    [InlineData("i stood up and everything went black", RedFlagCategory.Emergency)]
    [InlineData("his lips look a bit purple", RedFlagCategory.Emergency)]
    [InlineData("i have chest pian going to my arm", RedFlagCategory.Emergency)]                            // a typo of a short word
    [InlineData("my left side went weak an hour ago", RedFlagCategory.Emergency)]
    [InlineData("grandad was out in the cold all night and is confused", RedFlagCategory.Emergency)]         // hypothermia
    [InlineData("mum swallowed all of her pills from the dosette box", RedFlagCategory.Emergency)]
    [InlineData("nurse here, sats dropping after needling near the lung", RedFlagCategory.Emergency)]
    [InlineData("my wife fell down the stairs and is not moving", RedFlagCategory.Emergency)]
    [InlineData("i keep dropping things from both hands and it is worse every day", RedFlagCategory.Emergency)]
    [InlineData("had a car crash, thought i was fine, now my belly is swollen", RedFlagCategory.Emergency)]   // "fine, now" is no "fine now"
    [InlineData("a sharp tearing pain in my back and my blood pressure is 200", RedFlagCategory.Emergency)]
    [InlineData("after leg day my pee is dark like cola", RedFlagCategory.Urgent)]
    [InlineData("my husband said he would kill me if i told anyone", RedFlagCategory.Emergency)]          // danger from another person
    [InlineData("is this chat private, my stepdad hurts me", RedFlagCategory.Emergency)]
    [InlineData("my friend is threatening to jump off the bridge", RedFlagCategory.Crisis)]
    [InlineData("i took something, sorry", RedFlagCategory.Crisis)]
    [InlineData("the needle site is bleeding and will not stop", RedFlagCategory.Emergency)]
    [InlineData("boiling water went over my sons chest and it is blistering", RedFlagCategory.Emergency)]   // a burn
    [InlineData("hives all over and my tongue feels thick", RedFlagCategory.Emergency)]
    [InlineData("my daughter swallowed a button battery", RedFlagCategory.Emergency)]
    [InlineData("a sudden headache like an ice pick and a stiff neck", RedFlagCategory.Emergency)]
    [InlineData("severe abdominal pain going through to my back and i feel faint", RedFlagCategory.Emergency)]
    [InlineData("i took a lot of my opioids on purpose", RedFlagCategory.Emergency)]
    [InlineData("the needle spot on my shoulder is red hot and i feel shivery", RedFlagCategory.Emergency)] // "red hot", found trying the bot by hand
    public void Each_kind_is_found_by_the_patterns_alone(string message, RedFlagCategory category)
    {
        Assert.Equal(category, Shipped.Match(new MessageText(message))?.Category);
    }

    [Theory]
    [InlineData("im a bit of a fainter, will the needles make me feel dizzy")] // "fainter" is no typo of "fainted"
    [InlineData("will the soreness be around much longer after my session")]  // "around much longer" without the patient in it
    [InlineData("what happens if a needle snaps off inside me")]                // a what-if, not a broken needle
    [InlineData("i have taken pain tablets for ten years, would acupuncture help")] // a history, not an overdose
    [InlineData("i'll be gone on holiday for two weeks, can i rebook my session")]
    [InlineData("is it normal to feel a bit shivery after acupuncture")]
    [InlineData("can i take all my usual tablets on the day")]
    [InlineData("my knee gave way once years ago, is acupuncture ok for my back")]
    [InlineData("i fainted during a blood test as a teen, will i faint with the needles")]   // fainting at a blood test
    [InlineData("hurt my back lifting a few months back and its on the mend, would it help")] // an injury healing
    [InlineData("ive been dragging my feet about booking, is it worth it")]                  // an idiom, not foot drop
    [InlineData("whats the most ibuprofen i can take in a day with acupuncture")]             // a dose question, not at once
    [InlineData("can acupuncture cause numbness in your legs")]                               // a general question about the treatment
    [InlineData("sorry to bother you, goodbye and thanks")]                                   // a goodbye with an apology
    [InlineData("i gave away my old exercise bike, can acupuncture help my back instead")]    // giving away a thing, not one's belongings
    [InlineData("some mornings my back is so stiff i can barely move, would acupuncture help")] // stiffness, not a pain that stops all movement
    [InlineData("i could barely feel the needles in my legs, is that normal")]                // the needles, not the legs, not felt
    [InlineData("sitting on the bus hurts my back, is the clinic on the top floor")]         // sitting, and a floor of a building
    [InlineData("im collecting my painkillers from the pharmacy after my session")]              // collecting a prescription
    [InlineData("we made a plan at my first visit, should i do it weekly")]                       // a treatment plan
    [InlineData("i would like fewer tablets for my back pain, is that realistic")]                  // "fewer" is a word, not a misspelt fever*
    [InlineData("i hurt myself lifting boxes at work, would acupuncture help")]                     // an injury, not self-harm
    [InlineData("how many sessions until the pain dies down")]                                        // no medicine in it
    [InlineData("i get shivery just thinking about the needles")]                                      // nerves, not a fever
    [InlineData("will the needles go in the side of my face")]
    [InlineData("is there parking nearby, i can't walk far with my back")]                            // limited by pain, not losing strength
    [InlineData("i won't be a bother, just one quick question about needles")]
    [InlineData("what's the quickest way to book a session")]
    [InlineData("my back is not responding to treatment, should i try acupuncture")]                    // "not responding" of a treatment
    [InlineData("ive got a razor burn on my back from shaving, can needles go there")]
    [InlineData("can acupuncture cause a fever?")]                                                         // still a general question
    [InlineData("as per my last message, can i move my appointment")]
    [InlineData("thanks for everything, bye")]
    [InlineData("i had a fit of giggles when the needles went in")]
    [InlineData("ive had 10 sessions and still take paracetamol most days")]                              // a count of sessions, not of pills
    [InlineData("i fell asleep on the table, is that normal")]
    [InlineData("the physio told me to look after my back, would acupuncture help")]
    [InlineData("i have the pills my gp gave me, can i take them before a session")]
    [InlineData("would anyone care if i brought my dog to the appointment")]
    [InlineData("i stopped eating sugar for good, will acupuncture help my back more")]
    [InlineData("its time i went to bed, thanks")]
    [InlineData("came off my bike last month, x rays fine and physio finished, still a bit sore")]              // checked and cleared
    [InlineData("i want the pain to stop permanently, can acupuncture do that")]                          // lasting relief, asked for
    [InlineData("ive decided to go ahead with acupuncture, can i cancel my physio")]
    [InlineData("im ready to go to my session, should i take my pills first")]
    [InlineData("ces aiguilles sont-elles stériles?")]                                                       // French "ces" is no clinical CES
    [InlineData("i get nervous with needles but i just let it happen")]
    [InlineData("i took my painkillers this morning, can i drink alcohol after the session")]          // medicine and a drink, asked about
    [InlineData("my tablets make me so drowsy, is acupuncture gentler")]                                  // a side effect
    [InlineData("i'm confused, should i use a hot water bottle or ice")]
    [InlineData("can my mum join dad in his session")]
    [InlineData("acupuncture is helping him along nicely")]
    [InlineData("in the fall my back always gets worse")]                                                  // American autumn
    [InlineData("i'm counting the days until my next session, should i keep taking my tablets")]
    [InlineData("ive decided to end my physio and try acupuncture")]
    [InlineData("will the needles go in the side of my mouth")]
    [InlineData("my neck clicked during the session and my arms felt warm")]
    [InlineData("i'm ready to go, should i bring my massage gun to the session")]
    [InlineData("i came off a ladder two years ago, physio signed me off, still a bit stiff")]            // an old fall, cleared
    [InlineData("my dog died last month and i feel sad, would acupuncture help with stress")]
    [InlineData("is it bad to take extra ibuprofen before a session?")]                                   // a general question
    [InlineData("sometimes i can't tell if it is my back or my hip that hurts")]
    [InlineData("can the needle puncture my lung")]                                                      // a worry, asked
    [InlineData("gonna jump in the shower then head to my session")]
    [InlineData("i lost weight on purpose and my back pain is better")]
    [InlineData("ive picked a date for my first session")]
    [InlineData("i have osteoporosis, is acupuncture ok for me")]
    [InlineData("gonna do it tonight, book me in for friday")]                                            // "it" is the booking
    [InlineData("lol will i bleed out from the needles")]                                                  // a worry, with a joke
    [InlineData("thanks for everything, you were really helpful")]
    [InlineData("my hands go cold in the winter, is that a circulation thing acupuncture helps")]
    [InlineData("on blood thinners, is a little bleeding where the needle goes in normal")]
    [InlineData("the pain hits me every morning, my husband says i should try acupuncture")]            // "hits me", an idiom
    [InlineData("the physio gave me a leaflet just in case")]
    public void Ordinary_messages_near_those_kinds_are_not(string message)
    {
        Assert.Null(Shipped.Match(new MessageText(message)));
    }
}
