/*
 * Query-side stemming for the Russian and Ukrainian search (MIT).
 *
 * Loaded by search-lang.js only when a reader searches on a Russian or
 * Ukrainian page. Material turns every query word into a prefix query
 * ("повестками" -> "повестками*"), and lunr does not stem prefix queries, so an
 * inflected query only finds pages that contain that very form. Here each word
 * of the query is cut back to a stem before Material sees it
 * ("повестками" -> "повест"), and the prefix query then matches every form of
 * the word in the (unstemmed) index: повестка, повестки, повесток, ...
 *
 * The stemmers are built for that use: cutting a little too much only widens
 * the prefix, cutting too little loses forms, so both also drop the "fleeting"
 * vowel of -ок/-ек/-ец nouns (повесток/повестка, притулок/притулку).
 *   ru: the Snowball Russian algorithm (M. Porter), rewritten here, plus those
 *       rules;
 *   uk: a light suffix stripper: the longest inflectional ending (noun,
 *       adjective, verb) after the first vowel, plus the same rules.
 * Both are tested in tests/test_search.py.
 */
(function (root) {
  "use strict";

  var RU_VOWELS = "аеиоуыэюя";
  var UK_VOWELS = "аеиоуюяіїє";

  function ends(re) { return new RegExp("(?:" + re + ")$"); }
  /* An ending that must follow а or я (kept); no lookbehind, for older Safari */
  function endsAfterA(re) { return new RegExp("([ая])(?:" + re + ")$"); }

  /* Region after the first vowel (Snowball's RV) */
  function rvStart(word, vowels) {
    for (var i = 0; i < word.length; i++)
      if (vowels.indexOf(word[i]) >= 0) return i + 1;
    return word.length;
  }

  /* Snowball's R2 (for the derivational ending -ост/-ость) */
  function r2Start(word, vowels) {
    var r = word.length, found = 0;
    for (var i = 1; i < word.length; i++)
      if (vowels.indexOf(word[i]) < 0 && vowels.indexOf(word[i - 1]) >= 0) {
        if (++found === 2) { r = i + 1; break; }
      }
    return r;
  }

  /* Rules shared by both languages, applied to a stem */
  function finish(stem, vowels) {
    var n = stem.length;
    var consonant = function (c) { return c && vowels.indexOf(c) < 0 && c !== "ь" && c !== "й"; };
    /* fleeting vowel: повесток -> повест, притулок -> притул, образец -> образ */
    if (/[оеє][кц]$/.test(stem) && consonant(stem[n - 3]) && n - 2 >= 4)
      return stem.slice(0, n - 2);
    /* ... and the forms without it: повестк(а) -> повест, притулк(у) -> притул */
    if (/[кц]$/.test(stem) && consonant(stem[n - 2]) && n - 1 >= 4)
      return stem.slice(0, n - 1);
    /* undouble н: мобилизованн(ых) -> мобилизован, ухиленн(я) -> ухилен */
    if (/нн$/.test(stem)) return stem.slice(0, n - 1);
    return stem;
  }

  /* ---------------------------------------------------------------- Russian */

  var RU = {
    /* Snowball's bare -в/-ив/-ыв gerunds are left out: they cut nouns
       (призыв -> приз, устав -> уста) far more often than a reader searches
       for сделав or забыв. */
    gerund: [endsAfterA("вши|вшись"), ends("ивши|ившись|ывши|ывшись")],
    reflexive: ends("ся|сь"),
    adjective: ends("ее|ие|ые|ое|ими|ыми|ей|ий|ый|ой|ем|им|ым|ом|его|ого|ему|ому|их|ых|" +
                    "ую|юю|ая|яя|ою|ею"),
    participle: [endsAfterA("ем|нн|вш|ющ|щ"), ends("ивш|ывш|ующ")],
    verb: [endsAfterA("ла|на|ете|йте|ли|й|л|ем|н|ло|но|ет|ют|ны|ть|ешь|нно"),
           ends("ила|ыла|ена|ейте|уйте|ите|или|ыли|ей|уй|ил|ыл|им|ым|ен|ило|ыло|ено|ят|" +
                "ует|уют|ит|ыт|ены|ить|ыть|ишь|ую|ю")],
    noun: ends("а|ев|ов|ие|ье|е|иями|ями|ами|еи|ии|и|ией|ей|ой|ий|й|иям|ям|ием|ем|ам|ом|" +
               "о|у|ах|иях|ях|ы|ь|ию|ью|ю|ия|ья|я"),
    superlative: ends("ейше|ейш"),
    derivational: ends("ость|ост")
  };

  /* Remove the longest ending of one of the patterns; returns null if none */
  function strip(rv, patterns) {
    var best = null;
    for (var i = 0; i < patterns.length; i++) {
      var m = patterns[i].exec(rv);
      var at = m ? m.index + (m[1] ? m[1].length : 0) : -1;
      if (m && (best === null || at < best)) best = at;
    }
    return best === null ? null : rv.slice(0, best);
  }

  function stemRu(word) {
    word = word.toLowerCase().replace(/ё/g, "е");
    if (word.length < 4 || /[^а-я]/.test(word)) return word;
    var start = rvStart(word, RU_VOWELS);
    var pre = word.slice(0, start), rv = word.slice(start);

    /* Step 1 */
    var next = strip(rv, RU.gerund);
    if (next === null) {
      rv = rv.replace(RU.reflexive, "");
      next = strip(rv, [RU.adjective]);
      if (next !== null) {
        var part = strip(next, RU.participle);
        if (part !== null) next = part;
      } else {
        next = strip(rv, RU.verb);
        if (next === null) next = strip(rv, [RU.noun]);
      }
    }
    if (next !== null) rv = next;

    /* Step 2 */
    rv = rv.replace(/и$/, "");

    /* Step 3: derivational ending in R2 */
    var r2 = r2Start(pre + rv, RU_VOWELS) - pre.length;
    var m = RU.derivational.exec(rv);
    if (m && m.index >= r2) rv = rv.slice(0, m.index);

    /* Step 4 */
    if (/нн$/.test(rv)) rv = rv.slice(0, -1);
    else {
      var sup = rv.replace(RU.superlative, "");
      if (sup !== rv) rv = sup.replace(/нн$/, "н");
      else rv = rv.replace(/ь$/, "");
    }
    return finish(pre + rv, RU_VOWELS);
  }

  /* -------------------------------------------------------------- Ukrainian */

  /* Inflectional endings of nouns, adjectives and participles, verbs and
     adverbial participles (with the reflexive -ся/-сь). The longest one after
     the first vowel goes, leaving at least three letters. Verb endings keep
     the theme vowel (служити -> служи), so plural nouns in -ати and -ила lose
     less (кандидати -> кандида, правила -> прави). Endings marked "V" only
     count after a vowel (паспорти -> паспорт, not паспор), "P" (past -в)
     after а, и, і, у, я (призов stays); both leave at least four letters
     (прав stays, not пра). */
  var UK_ENDINGS = {};
  ("а я о е є у ю і ї и ь ів їв ей ам ям ами ями ах ях ові еві єві ом ем єм ою ею єю " +
   "ія ії ію ією ій " +
   "ий їй ого ього ому ьому им ім их іх ими іми ої ьої ьою " +
   "еш єш ете єте емо ємо уть ють ать ять иш ить їш їть имо ите імо іте " +
   "ючи учи ячи ачи ся сь ться ються уться яться аться иться ється ешся ишся " +
   "ючись учись ячись ачись").split(" ").forEach(function (e) { UK_ENDINGS[e] = ""; });
  ("ти тися тись вши вшись ла ло ли лася лося лися").split(" ")
    .forEach(function (e) { UK_ENDINGS[e] = "V"; });
  UK_ENDINGS["в"] = UK_ENDINGS["вся"] = "P";
  var UK_LONGEST = 6;

  function stemUk(word) {
    word = word.toLowerCase().replace(/[ʼ’]/g, "'");
    if (word.length < 4 || /[^а-щьюяіїєґ']/.test(word)) return word;
    var start = rvStart(word, UK_VOWELS);
    for (var n = Math.min(UK_LONGEST, word.length - 3); n > 0; n--) {
      var at = word.length - n, rule = UK_ENDINGS[word.slice(at)];
      if (rule === undefined || at < start) continue;
      if (rule && (at < 4 || (rule === "V" ? UK_VOWELS + "сз" : "аиіуя")
                                .indexOf(word[at - 1]) < 0)) continue;
      word = word.slice(0, at);
      break;
    }
    return finish(word, UK_VOWELS);
  }

  /* ----------------------------------------------------------------- Query */

  var STOP = {
    ru: "а без бы в во вы да для до его ее её же за и из или их к как ко ли мне мы на над " +
        "не ни но о об обо он она они оно от по под при про с со так то ты у что это я",
    uk: "а але б би без в від ви він вона вони воно для до ж же з за зі з із і й його її їх " +
        "на над не ні о об по під при про проти та ти то у це чи що як я"
  };
  var STOPS = {};
  for (var lang in STOP) {
    STOPS[lang] = {};
    STOP[lang].split(" ").forEach(function (w) { STOPS[lang][w] = true; });
  }

  var STEM = { ru: stemRu, uk: stemUk };
  var WORD = /[а-яёіїєґ]+/gi;

  /* Stem the Cyrillic words of a Material query, keeping its syntax (+, -,
     quotes, field:, ~, ^). Lone function words are dropped: as prefix queries
     ("в*") they would match almost every page. */
  function rewrite(query, lang) {
    var stem = STEM[lang];
    if (!stem) return query;
    var kept = [];
    var words = query.split(/\s+/);
    for (var i = 0; i < words.length; i++) {
      var part = words[i];
      if (!part || STOPS[lang][part.toLowerCase().replace(/ё/g, "е")]) continue;
      kept.push(part.replace(WORD, function (w) { return stem(w); }));
    }
    return kept.length ? kept.join(" ") : query;
  }

  var api = { stem: STEM, rewrite: rewrite };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.siteSearchStem = api;
})(this);
