"""Every threshold cleaning uses, named, with its default and the reason for it, in one place.

`clean_document(raw, settings=CleanSettings(...))` passes them down; nothing in sitrep.clean reads a threshold
from a module global. Lengths are in characters of one line, word counts in words of one line, shares are of the
line's characters (url, alpha, capitals) or of its words (stopwords), unless a field says otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CleanSettings:
    # --- quality class of a line from its shape (after jusText: length 70/200, stopword density .30) ---------
    bad_url_share: float = 0.5           # more of the line is URL than this: junk
    min_alpha_share: float = 0.5         # fewer letters than this: symbols or numbers
    tiny_chars: int = 5                  # ...and no longer than this: too little to judge ("...", "100")
    label_row_min_words: int = 4         # a row of Capitalised Labels: at least this many words,
    label_row_cap_share: float = 0.85    # ...this share capitalised,
    label_row_max_stop_share: float = 0.15  # ...and fewer function words than this
    glued_words_bad: int = 2             # words glued without spaces ("HomeNewsSport"): this many and no stop
    good_chars: int = 70                 # jusText's length_low: a good line is at least this long,
    good_stop_share: float = 0.30        # ...with this density of function words,
    long_chars: int = 200                # ...and ends a sentence unless at least this long (jusText's length_high)
    short_good_chars: int = 40           # a shorter sentence is good with at least
    short_good_words: int = 7            # ...this many words and good_stop_share
    near_stop_share: float = 0.20        # a line of good_chars with this density is near-good
    unknown_good_chars: int = 80         # without a function-word list: a sentence this long is good,
    unknown_near_chars: int = 50         # ...and any line this long near-good
    # --- single-line rules ----------------------------------------------------------------------------------
    lexicon_max_words: int = 80          # longer lines are prose: no phrase rule applies (consent notices ~60)
    url_line_share: float = 0.6          # a line that is mostly a URL is navigation
    embed_min_hashtags: int = 4          # a line with this many hashtags is an embedded social post (a blog headline
                                         # may close with three)
    date_line_max_words: int = 12        # a date line is short
    repeated_max_words: int = 30         # a line printed twice (a caption, a teaser) is furniture up to this length
    appeal_pitch_words: int = 40         # the pitch under a newsletter call is at most this long
    profile_words: int = 150             # the paragraph of an "About the author" box is at most this long
    code_max_chars: int = 200            # a line of code is at most this long,
    code_inside_max_chars: int = 100     # ...and a plain line inside a listing at most this long
    list_max_items: int = 30             # a list a colon announces has at most this many items
    sentence_min_words: int = 6          # a line written as a sentence has at least this many words,
    sentence_max_cap_share: float = 0.35  # ...few of them capitalised
    # --- captions and credits of pictures (captions.py) --------------------------------------------------------
    caption_max_cap_share: float = 0.5  # a caption is written as a sentence: at most this share of words capitalised
    caption_max_words: int = 60          # a caption is one or two sentences: a longer line is the article's,
    credited_caption_words: int = 75     # ...unless a credit closes it (a wire caption is long)
    bracket_credit_words: int = 6        # a credit in brackets closing a line is short: "(Agency Photo/A. Name)"
    credit_line_words: int = 12          # a credit alone on its line ("(Army Engineers)", "A. NAME/OUTLET") is short
    scene_min_words: int = 4             # a scene ("Two soldiers stand guard") has a subject, a verb and more,
    scene_subject_words: int = 8         # ...its verb within this many words of the start
    duplicate_min_chars: int = 30        # a caption printed twice: copies at least this long,
    duplicate_window: int = 3            # ...at most this many lines apart
    # --- other stories' headlines and teasers inside the region (teasers.py) -----------------------------------
    teaser_min_words: int = 3            # a headline has a few words,
    teaser_max_words: int = 14           # ...not a paragraph's worth, and no final stop
    subheading_max_words: int = 6        # a witty subheading is short; a longer headline sharing nothing is another's
    teaser_min_stems: int = 3            # too few content words prove nothing ("Quick Facts")
    teaser_max_shared: float = 0.1       # another story's headline: at most this share of its words in the article
    # --- lines that speak to the reader (address.py) -----------------------------------------------------------
    address_max_words: int = 30          # an appeal or an editor's note is short; a longer line is the article's
    address_you_words: int = 12          # at the article's end, a line in the second person alone is a note this short
    # --- furniture inside long body lines, sentence by sentence (sentences.py) ---------------------------------
    sentence_split_words: int = 20       # a body line longer than this is judged sentence by sentence too
    sentence_furniture_words: int = 12   # a sentence of a furniture phrase ("Enditem", "Read more") is this short
    # --- the body region: clusters of good lines ------------------------------------------------------------
    max_gap: float = 5.0                 # good lines further apart (in gap cost) start a new cluster
    gap_cost_hard: float = 0.5           # an "Advertisement" or caption barely parts two paragraphs
    gap_cost_near: float = 0.3
    gap_cost_short: float = 1.0
    gap_cost_bad: float = 1.0
    gap_cost_code: float = 0.3
    join_share: float = 0.3              # a cluster after the largest joins with this share of its good text,
    join_share_before: float = 0.1       # ...one before it (a lead, a live blog's first entries) with this
    join_share_chained: float = 0.05     # one that only unremarkable lines part from the article, with this
    chained_min_chars: int = 100         # ...or at least this many good characters (one paragraph)
    join_share_chained_before: float = 0.05
    closing_after_share: float = 0.5     # a closing line ends the article once this share of its text is above
    inline_box_lines: int = 8            # a "Related" box inside the article is followed within this many lines
    paragraph_chars: int = 120           # ...by a paragraph at least this long
    headline_in_region_words: int = 15   # a question opening the region may be the headline up to this length
    dek_min_words: int = 8               # a standfirst right under the headline has at least this many words
    standfirst_skip: int = 3             # a good standfirst may sit this many byline/share lines under it,
    near_standfirst_skip: int = 1        # ...a near-good one at most this many
    # --- publication date -----------------------------------------------------------------------------------
    meta_reach: int = 3                  # body lines past which a date is about something else
    meta_words: int = 25                 # a byline or meta line carrying the date is at most this long
    # --- comment threads ------------------------------------------------------------------------------------
    thread_late_share: float = 0.3       # a thread marker counts once this share of good text is above it,
    weak_thread_late_share: float = 0.6  # ...a weak one ("12 Comments") once this share is
    thread_min_article_chars: int = 300  # a marker that would leave less article than this, with more prose after it,
                                         # is a "Write a comment" link under the headline, not the thread
    reply_min_lines: int = 3             # readers' replies without a marker: this many lines in the first person
    reply_short_words: int = 4           # ...among which a line this short ("+1", "Agreed.") may sit,
    reply_report_first_person: float = 0.2  # ...after a report with at most this share of first-person lines

    def __post_init__(self) -> None:
        for name, value in self.__dict__.items():
            if value < 0:
                raise ValueError(f"CleanSettings.{name} must not be negative (got {value})")


DEFAULTS = CleanSettings()
