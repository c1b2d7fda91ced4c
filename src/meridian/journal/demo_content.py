"""The demo journal: our own articles about a clinic's everyday topics."""

from typing import Any

# Each article: slug, title, author key, category, tags, days ago, body, extras.
AUTHORS = {
    "mei": {
        "username": "mei.lin",
        "display_name": "Mei Lin",
        "credentials": "L.Ac., Dipl. OM",
        "email": "mei.lin@example.org",
        "bio": "Mei has practised acupuncture for fifteen years, with a focus on "
        "musculoskeletal pain and sleep.",
    },
    "sam": {
        "username": "samuel.okafor",
        "display_name": "Samuel Okafor",
        "credentials": "DACM, L.Ac.",
        "email": "samuel.okafor@example.org",
        "bio": "Samuel leads the clinic's herbal dispensary and teaches a weekly "
        "class on breathing and posture.",
    },
}

CATEGORIES = {
    "treatments": ("Treatments", "What happens in the treatment room, and why."),
    "wellbeing": (
        "Everyday wellbeing",
        "Small habits that support your care between visits.",
    ),
    "clinic": (
        "Clinic news",
        "Opening hours, new faces and what is changing at the clinic.",
    ),
}

TAGS = ["Back pain", "Sleep", "Stress", "Herbs", "First visit", "Posture"]

PAGES = [
    (
        "about",
        "About the clinic",
        """
We are a small, independent acupuncture and East Asian medicine clinic. Our
practitioners are licensed and insured, and we work alongside your doctor, not
instead of them.

## How we work

- A first visit of about an hour, with time for questions.
- Treatment plans that are reviewed every few sessions.
- Honest advice when another kind of care would serve you better.
""",
    ),
    (
        "contact",
        "Contact",
        """
Call or write to us to book a visit or ask a question. Please do not send
personal health details through the comment forms on this site: they are
public.

- **Telephone:** 555-0100 (weekdays, 9:00–17:00)
- **Address:** 12 Example Street, Springfield
""",
    ),
    (
        "privacy",
        "Privacy",
        """
This journal keeps as little about you as it can.

- Reading the journal sets no tracking cookies.
- If you register, we keep your name, email address and the comments you write.
- You can download your data or delete your account at any time from your profile.

Comments are public. Please don't share details of your own health in them.
""",
    ),
]

ARTICLES: list[dict[str, Any]] = [
    {
        "slug": "what-to-expect-at-your-first-acupuncture-visit",
        "title": "What to expect at your first acupuncture visit",
        "author": "mei",
        "category": "treatments",
        "tags": ["First visit"],
        "days_ago": 3,
        "reviewed_by": "Dr. Hannah Weiss, MD",
        "reviewed_days_ago": 2,
        "sources": (
            "Acupuncture: In Depth | https://www.nccih.nih.gov/health/acupuncture-what-you-need-to-know\n"
            "Acupuncture for chronic pain: update of an individual patient data meta-analysis | https://doi.org/10.1016/j.jpain.2017.11.005\n"
            "Adverse events of acupuncture: a systematic review of case reports | https://doi.org/10.1155/2013/581203"
        ),
        "image": True,
        "body": """
A first visit is mostly a conversation. Before any needles, your practitioner
wants to understand what brings you in, what you have already tried, and what
a good outcome would look like for you.

## Before you arrive

- Eat a light meal an hour or two beforehand.
- Wear loose clothing that rolls up above the knee and elbow.
- Bring a list of any medicines and supplements you take.

## The conversation

Expect questions that may seem unrelated to your main complaint: how you sleep,
how you digest food, how your energy changes through the day. These help us see
the whole picture and decide where to place needles.

## The treatment itself

Acupuncture needles are much finer than the needles used for injections. Most
people feel a brief pinch, then a dull, heavy or spreading sensation. You will
rest for twenty to thirty minutes while the needles are in place.

## Afterwards

Some people feel relaxed or sleepy; a few feel a little sore where the needles
were. Drink water, take it easy for the rest of the day, and note any changes
so we can talk about them next time.

## Is it safe?

In the hands of a licensed practitioner using single-use sterile needles,
serious problems are rare. Tell us if you are pregnant, take blood thinners, or
have a pacemaker, so we can adapt the treatment.
""",
    },
    {
        "slug": "acupuncture-and-lower-back-pain",
        "title": "Acupuncture and lower back pain: what the research says",
        "author": "mei",
        "category": "treatments",
        "tags": ["Back pain", "Posture"],
        "days_ago": 10,
        "body": """
Lower back pain is the most common reason people book their first appointment
with us. Here is an honest summary of what we know.

## What studies show

Several large reviews have found that acupuncture can reduce chronic lower back
pain a little more than usual care alone, and that the benefit can last for
months. It is not a cure, and it works best as part of a plan that includes
movement.

## What a course of treatment looks like

1. Weekly sessions for four to six weeks.
2. A review of progress after the fourth session.
3. Gradually spacing sessions out as things improve.

## When to see a doctor first

- Pain after a fall or an accident.
- Numbness in the groin or legs, or trouble passing urine.
- Fever, unexplained weight loss, or pain that wakes you every night.

These can be signs of something that needs medical care straight away.

| Week | Focus |
|------|-------|
| 1–2 | Easing pain and muscle guarding |
| 3–4 | Restoring comfortable movement |
| 5–6 | Building habits that keep it away |
""",
    },
    {
        "slug": "five-small-habits-for-better-sleep",
        "title": "Five small habits for better sleep",
        "author": "sam",
        "category": "wellbeing",
        "tags": ["Sleep", "Stress"],
        "days_ago": 17,
        "body": """
Sleep trouble is rarely fixed by one big change. These five small habits are
the ones our patients tell us make the most difference.

## 1. Keep the same wake-up time

Even at weekends. A steady morning anchors the rest of your body clock.

## 2. Dim the evening

Lower the lights an hour before bed and put screens on their night setting.

## 3. Eat earlier

A heavy meal late in the evening keeps digestion busy when it should be resting.

## 4. Write down tomorrow

A short list of what is on your mind tomorrow helps the mind let go of it tonight.

## 5. Breathe slowly

Try breathing in for a count of four and out for a count of six, for five minutes.

> Small changes, kept up for a few weeks, usually beat big changes kept up for a few days.
""",
    },
    {
        "slug": "a-gentle-guide-to-chinese-herbal-medicine",
        "title": "A gentle guide to Chinese herbal medicine",
        "author": "sam",
        "category": "treatments",
        "tags": ["Herbs"],
        "days_ago": 24,
        "body": """
Herbal formulas have been used alongside acupuncture for centuries. Here is how
we approach them today.

## Formulas, not single herbs

A formula combines several herbs that balance one another. We prescribe
formulas as granules or tablets from suppliers who test every batch.

## Safety comes first

- Always tell us about every medicine you take, including over-the-counter ones.
- Some herbs are not suitable in pregnancy or while breastfeeding.
- Stop and call us if you notice a rash, an upset stomach or anything unusual.

## Working with your doctor

We are happy to write to your doctor about any formula we suggest, so that the
people caring for you share the same picture.
""",
    },
    {
        "slug": "desk-posture-in-ten-minutes",
        "title": "Desk posture in ten minutes a day",
        "author": "mei",
        "category": "wellbeing",
        "tags": ["Posture", "Back pain"],
        "days_ago": 31,
        "body": """
Most neck and shoulder pain we see has the same story: long hours at a desk.
Ten minutes a day can change that story.

## Set up the desk

- The top of the screen at eye level, an arm's length away.
- Feet flat on the floor, knees a little lower than hips.
- Elbows close to the body, wrists straight.

## Move every half hour

Stand, roll your shoulders back five times, and look at something far away for
twenty seconds.

## Three stretches

1. Chin tucks: draw the chin straight back, hold for five breaths.
2. Doorway stretch: forearms on the frame, lean gently forward.
3. Seated twist: turn from the middle of the back, not the neck.
""",
    },
    {
        "slug": "stress-and-the-body",
        "title": "Stress and the body: why you feel it in your shoulders",
        "author": "sam",
        "category": "wellbeing",
        "tags": ["Stress", "Posture"],
        "days_ago": 45,
        "body": """
When we are under pressure, the body prepares to act. Muscles tighten, breathing
becomes quicker and shallower, and digestion slows down.

## Where it shows

Many people hold stress in the neck, shoulders and jaw. Others notice it as
headaches, a tight chest or an unsettled stomach.

## What helps

- Regular movement, even a short daily walk.
- Slow breathing, with the out-breath longer than the in-breath.
- Time each week for something that absorbs you completely.

Acupuncture sessions are, for many of our patients, a rare half hour of being
still. That stillness is part of the treatment.
""",
    },
    {
        "slug": "new-evening-hours",
        "title": "New evening hours on Tuesdays and Thursdays",
        "author": "mei",
        "category": "clinic",
        "tags": ["First visit"],
        "days_ago": 60,
        "body": """
From next month the clinic will stay open until 20:00 on Tuesdays and
Thursdays, so that people who work during the day can find a time that suits
them.

Evening appointments can be booked by telephone or at the front desk. First
visits are available in the evening too.
""",
    },
    {
        "slug": "cupping-explained",
        "title": "Cupping, explained",
        "author": "sam",
        "category": "treatments",
        "tags": ["Back pain", "Stress"],
        "days_ago": 75,
        "body": """
Cupping uses glass or silicone cups to create gentle suction on the skin. It is
often used for tight muscles in the back and shoulders.

## What it feels like

Most people describe a pulling, warming sensation. Sessions last five to fifteen
minutes.

## The marks

Cupping can leave round marks that fade over a few days. They are not bruises
from injury, but do tell us if you bruise easily or take blood thinners.

## Who should avoid it

- People with skin conditions on the area to be treated.
- People with bleeding disorders.
- Over the abdomen and lower back during pregnancy.
""",
    },
    {
        "slug": "seasonal-eating-in-winter",
        "title": "Seasonal eating in the winter months",
        "author": "sam",
        "category": "wellbeing",
        "tags": ["Herbs", "Sleep"],
        "days_ago": 90,
        "body": """
Traditional East Asian dietary advice follows the seasons. In winter it favours
warm, cooked, slowly prepared food.

- Soups and stews with root vegetables.
- Warming spices such as ginger and cinnamon, in moderation.
- Fewer cold drinks and raw salads.

These are gentle suggestions, not rules. If you follow a diet for a medical
reason, keep to the advice of your doctor or dietitian.
""",
    },
]

DRAFT: dict[str, Any] = {
    "slug": "acupuncture-for-headaches-draft",
    "title": "Acupuncture for headaches (draft)",
    "author": "mei",
    "category": "treatments",
    "tags": ["Stress"],
    "body": "Notes for an article about tension headaches and migraine.\n",
}

SCHEDULED: dict[str, Any] = {
    "slug": "meet-our-new-practitioner",
    "title": "Meet our new practitioner",
    "author": "sam",
    "category": "clinic",
    "tags": ["First visit"],
    "days_ahead": 7,
    "body": "An introduction to the newest member of the clinic team.\n",
}
