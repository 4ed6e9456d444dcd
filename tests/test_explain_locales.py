"""Explanations in Dutch and French: every sentence of a reason, duty or missing fact is said in
the reader's language, not only the labels around it.

The agreement below gives every kind of sentence the evaluator can say (a test checks that the
usages reach every one), with terms named and described in Latin, so that an English word in a
Dutch or French explanation can only come from a sentence that was not translated.
"""

from __future__ import annotations

import copy
import json
import pickle
import re

import pytest

import contractdsl
from contractdsl.prose.phrase import Joined, Phrase
from contractdsl.prose.phrase import messages
from contractdsl.prose.render import render_decision

AGREEMENT = """
agreement "Licentia" version "1".
licensor "Datorius". licensee "Usorius".
effective 2024-01-01.
terminates 2030-12-31.
action usus "Usus".
action lectio "Lectio" under usus.
action traditio "Traditio" under usus.
action scriptio "Scriptio" under usus.
action petitio "Petitio" under usus.
action finis "Finis".
action signatio "Signatio".
action donatio "Donatio" under usus.
action mensura "Mensura" under usus.
action vectio "Vectio" under usus.
action custodia "Custodia" under usus.
action vigilia "Vigilia" under usus.
action solutio "Solutio" under usus.
action pensio "Pensio" under usus.
action missio "Missio" under traditio.
action largitio "Largitio" under usus.
action cursus "Cursus" under usus.
action reditus "Reditus" under usus.
act inscriptio "Inscriptio".
act responsum "Responsum".
act recusatio "Recusatio".
act reparatio "Reparatio".
act negatio "Negatio".
data corpus "Corpus".
data tabulae "Tabulae" under corpus.
purpose studium "Studium".
purpose venditio "Venditio".
recipient alieni "Alieni".
recipient civitas "Civitas" under alieni.
fact nuntiatum "Nuntiatum".
fact rogatio "Rogatio".
fact deletum "Deletum".
fact cessatio "Cessatio".
fact monitio "Monitio".
fact censura "Censura".
fact censura_prior "Censura prior".
fact probatio "Probatio".
fact petitum "Petitum".
fact periculum "Periculum".
fact par "Par".
fact mora "Mora".
standard aequum "Aequum".
standard magnum "Magnum".
standard omnes "Omnes".
standard mature "Mature".
standard q1 "Quaestio 1".
standard q2 "Quaestio 2".
standard q3 "Quaestio 3".
standard q4 "Quaestio 4".
standard q5 "Quaestio 5".
standard q6 "Quaestio 6".
standard q7 "Quaestio 7".
standard q8 "Quaestio 8".
standard q9 "Quaestio 9".
standard q10 "Quaestio 10".
standard q11 "Quaestio 11".
standard q12 "Quaestio 12".
standard q13 "Quaestio 13".
standard praevalet "Praevalet".
attribute publicus "Publicus" of licensee.
measure multitudo "Multitudo" of licensee.
measure aetas "Aetas" of user.
attribute consensus "Consensus" of user.
duty nuntiare "Nuntiare" shown by nuntiatum.
duty delere "Delere" shown by deletum.
duty probare "Probare" shown by probatio.
duty respondere "Respondere" shown by responsum.
duty reparare "Reparare" shown by reparatio.
unit rotuli "Rotuli".
unit petitiones "Petitiones" alias petitio.
unit signa "Signa".
unit inspectiones "Inspectiones".
endpoint quaestio "Quaestio".
unit denarii "Denarii" measures money.
unit nummi "Nummi" measures money.
scope canalis "Canalis".
tier pro "Pro": lectio no more than 100 rotuli per calendar month per app.
tier gratis "Gratis": lectio no more than 0 rotuli per calendar month.
tier meritum "Meritum" earned by paying at least 5 denarii in total:
  usus no more than 100 denarii per calendar month.
tier vetus "Vetus" until 2024-03-31.
tier aureus "Aureus" costs 7 denarii per calendar month.
tier magnus "Magnus" costs from 50 denarii per calendar month.
app instrumentum "Instrumentum" approved for studium labelled productio serving civitas.
app aliud "Aliud".
app quartum "Quartum" approved for venditio.
app quintum "Quintum" approved for venditio.

clause P1: licensee may usus tabulae.
clause P2: licensee may usus corpus for studium.
clause P3: licensee may usus corpus for an approved purpose.
clause P4: licensee may usus corpus with civitas.
clause P5: licensee may usus corpus
  when app is instrumentum and recipient is civitas and purpose is studium
   and action is traditio and data is tabulae and a tier is subscribed and tier is pro
   and date is before 2025-01-01 and date is on or after 2026-01-01
   and app is labelled productio and app serves civitas and nuntiatum.
clause X1: licensee must not usus corpus
  when app is instrumentum and recipient is civitas and purpose is studium
   and action is lectio and data is tabulae and a tier is subscribed and tier is pro
   and date is before 2029-01-01 and date is on or after 2024-01-01
   and app is labelled productio and app serves civitas and nuntiatum and purpose is approved.
clause X2: licensee must not lectio corpus for venditio unless nuntiatum.
clause X3: licensee must not usus tabulae for venditio.
clause X4: licensee must not traditio corpus with alieni except as permitted by E1, E2.
clause XT: licensee must not lectio tabulae for studium with alieni unless a tier is subscribed.
clause E1: licensee may traditio corpus with civitas
  provided licensee must nuntiare before traditio.
clause E2: licensee may traditio corpus for studium.
clause E4: licensee may finis corpus provided licensee must nuntiare before finis.
clause E5: licensee may finis tabulae.
clause E6: licensee may signatio corpus provided licensee must nuntiare before signatio.
clause E7: licensee may signatio corpus provided licensee must probare before signatio.
clause E3: licensee may lectio corpus for studium when app is instrumentum.
clause L1: licensee must not lectio more than 10 rotuli per day per app except as permitted by E3.
clause L2: licensee must not lectio more than 60 petitiones per minute.
clause L3: licensee must not lectio more than 10 rotuli per 7 days.
clause LQ: licensee must not lectio more than 1,000 petitiones per hour at quaestio.
clause O1: licensee must delere within 24 hours after rogatio.
clause O2: licensee must nuntiare by 2024-03-01.
clause F1: licensee must pay 2 denarii per 100 petitiones.
clause R1: licensor may finis.
clause R2: licensor must not finis when rogatio.
clause R3: licensor must not finis more than 1 inspectiones per 365 days.
clause X5: licensee must not scriptio corpus unless aequum.
clause X6: licensee must not scriptio corpus when aequum and magnum.
clause X7: licensee must not scriptio corpus with alieni when nuntiatum and not magnum.
clause X8: licensee must not petitio corpus
  when q1 and q2 and q3 and q4 and q5 and q6 and q7 and q8 and q9 and q10 and q11 and q12 and q13.
clause X8b: licensee must not petitio corpus with alieni
  unless q1 or q2 or q3 or q4 or q5 or q6 or q7 or q8 or q9 or q10 or q11 or q12.
clause P6: licensee may donatio corpus.
clause X9: licensee must not donatio corpus when licensee is publicus.
clause X10: licensee must not donatio corpus
  when licensee's multitudo is more than 1,000 and licensee's multitudo is less than 5,000.
clause X11: licensee must not donatio corpus
  when licensee's multitudo is at least 9,000 and licensee's multitudo is at most 9,000.
clause X12: licensee must not donatio corpus
  when user's aetas is less than 13 unless user is consensus or user's aetas is at least 100.
clause A1: licensee must not inscriptio
  when licensee has at least 1 apps approved for the purpose
  unless licensee has more than 5 apps approved for the purpose.
clause A2: licensee may inscriptio for studium.
clause O3: licensee must respondere within 10 days after petitum.
clause O4: licensee must reparare within mature after periculum.
clause L4: licensee must not scriptio more than 5 rotuli per day per app and canalis.
clause P7: licensee may mensura corpus.
clause L8: licensee must not mensura more than 1,000 signa in total per app.
clause L9: licensee must not mensura more than 50 signa per petitio.
clause L10: licensee must not mensura more than 10 concurrent petitiones.
clause XA: licensee must not negatio when not (data is corpus).
clause INC1: incorporates "Regulae" prevailing over this agreement.
clause INC2: incorporates "Mores" subject to this agreement when praevalet.
clause X14: licensee must not vectio corpus.
clause X15: licensee must not vectio tabulae.
clause L11: licensee must not vectio more than 5 rotuli per day.
clause X13: licensee must not donatio corpus
  when user's aetas is less than 13 and licensee is not publicus
   and not licensee's multitudo is at least 1,000,000.
clause X17: licensee must not mensura corpus when par and aequum and magnum.
clause X18: licensee must not mensura corpus when par and not aequum and not magnum.
clause X19: licensee must not mensura corpus when par and licensee is not publicus.
clause P9: licensee may custodia corpus.
clause P11: licensee may pensio corpus.
clause L12 until 2024-06-10: licensee must not pensio more than 10 rotuli per day.
clause L13 from 2024-06-11: licensee must not pensio more than 5 rotuli per day.
clause P12: licensee may cursus corpus.
clause P13 survives 1 year: licensee may reditus corpus.
clause L16: licensee must not cursus more than 10 rotuli per day unless mora.
clause O11 until 2024-06-10: licensee must delere within 10 days after petitum
  when action is pensio.
clause P10: licensee may vigilia corpus
  when monitio is at least 10 business days before censura
   and censura_prior is in the same calendar year as censura.
clause X16: licensee must not custodia corpus
  when monitio is at least 10 business days before censura
   and censura_prior is in the same calendar year as censura.
clause O7 survives 1 year after the later of cessatio and deletum:
  licensee must delere upon termination when action is custodia.
clause O8: licensee must probare every 12 months after monitio when action is custodia.
clause O9 survives: licensee must nuntiare within 30 days after the later of cessatio and termination
  when action is custodia.
clause O10: licensee must nuntiare within 10 days after the earlier of cessatio and rogatio
  when action is custodia.
clause F2: licensee must pay 3 denarii per 10 rotuli beyond 50 rotuli per day
  when action is solutio unless omnes.
clause F3: licensee must pay 3 denarii per 10 rotuli if more than 50 rotuli per day
  when action is solutio and omnes.
clause F4: licensee must pay 1 denarii per rotuli when action is solutio and omnes and licensee is publicus.
clause C1: licensee must pay 1.5 % per month on late payments when action is solutio.
clause C2: licensee must pay 2 % per week or part of one on late payments
  when action is solutio and nuntiatum.
clause M1: licensor's liability is at most the greater of the amount paid in the 12 months
  before the claim and 100 denarii when action is solutio.
clause M2: licensor's liability is at most the lesser of the amount paid in the 6 months
  before the claim and 500 denarii when action is solutio.
clause M3: licensee's liability is at most 1,000 denarii when action is solutio.
clause F5: licensee must pay 1 denarii per rotuli when action is solutio
  unless monitio is at least 10 business days before censura.
clause M4: licensor's liability is at most 50 denarii
  when action is solutio and licensee's multitudo is at least 1,000.
clause F6: licensee must pay 1 denarii per 1 rotuli beyond 0 rotuli per day
  when action is largitio.
"""

SCHEDULE = """
schedule "Appendix" for "Licentia".
app tertium "Tertium".
clause S1: licensee may lectio corpus for venditio.
clause S2: licensee must not lectio tabulae for venditio when purpose is venditio.
"""

# Documents the agreement incorporates: one prevails over it, the other yields to it while
# `praevalet` is found met
REGULAE = """
agreement "Regulae" version "1".
clause R-1: licensee may vectio corpus.
clause R-2: licensee must not vectio more than 50 rotuli per day.
"""
MORES = """
agreement "Mores" version "1".
clause M-1: licensee may vectio tabulae.
"""

DAY = "2024-06-01"
USAGES = [
    # nothing permits it: every permission says why not
    dict(app="aliud", action="lectio", data="corpus", purpose="venditio", date="2026-06-01"),
    dict(action="lectio", data="corpus", purpose="venditio", recipients=["alieni"], date=DAY),
    dict(app="aliud", action="lectio", data="corpus", purpose="venditio", tier="gratis",
         date=DAY),
    dict(app="aliud", action="lectio", data="corpus", date=DAY),
    # the fact an exception asks for, stated after the usage's day: it has not happened then
    dict(app="aliud", action="lectio", data="corpus", purpose="venditio",
         facts={"nuntiatum": "2024-07-01"}, date=DAY),
    # stated later on the day of a usage that ends at an instant: it has not happened then
    dict(app="aliud", action="lectio", data="corpus", purpose="venditio",
         facts={"nuntiatum": "2024-06-01T12:00:00Z"}, date="2024-06-01T11:00:00Z"),
    # stated within the usage's period: it has not happened in the part before its date
    dict(app="aliud", action="lectio", data="corpus", purpose="venditio",
         facts={"nuntiatum": "2024-06-10"}, period={"from": DAY, "until": "2024-06-30"}),
    # a prohibition of some data for some purposes
    dict(app="aliud", action="lectio", data="tabulae", purpose="venditio", date=DAY),
    # every condition of X1 holds
    dict(app="instrumentum", action="lectio", data="tabulae", purpose="studium", tier="pro",
         recipients=["civitas"], facts=["nuntiatum"], date=DAY),
    # a tier that is not offered then: no usage has it
    dict(app="instrumentum", action="lectio", data="tabulae", purpose="studium", tier="vetus",
         recipients=["alieni"], date=DAY),
    # exceptions, provisos and deadlines
    dict(app="instrumentum", action="traditio", data="corpus", purpose="studium",
         recipients=["civitas"], facts={"rogatio": "2024-05-01"}, date=DAY),
    dict(app="instrumentum", action="traditio", data="corpus", purpose="studium",
         recipients=["civitas"], facts={"nuntiatum": "2024-02-01"}, date=DAY),
    # a proviso owed where only the permission that carries it licenses the usage
    dict(app="instrumentum", action="finis", data="corpus", date=DAY),
    # and one not owed where another permission licenses it without
    dict(app="instrumentum", action="finis", data="tabulae", date=DAY),
    # and one not relied on where the usage keeps another permission's proviso
    dict(app="instrumentum", action="signatio", data="corpus", facts=["probatio"], date=DAY),
    # volumes: a rate, totals exceeding, fitting and undecided
    dict(app="aliud", action="lectio", data="corpus", purpose="studium", tier="pro",
         volume=[{"amount": 100, "unit": "petitiones", "per": "hour"}], date=DAY),
    # over a limit at an endpoint the usage does not say it calls, and within every other
    dict(app="aliud", action="lectio", data="corpus", purpose="studium", tier="pro",
         volume=[{"amount": 2000, "unit": "petitiones", "per": "hour"}],
         facts={"nuntiatum": "2024-02-01"}, date=DAY),
    dict(name="5,000 rotuli in 2024", app="aliud", action="lectio", data="corpus",
         purpose="studium", tier="pro", volume=[{"amount": 5000, "unit": "rotuli"}],
         period={"from": "2024-01-01", "until": "2024-12-31"}),
    dict(app="aliud", action="lectio", data="corpus", purpose="studium", tier="pro",
         volume=[{"amount": 5, "unit": "rotuli"}], date=DAY),
    dict(name="500 rotuli in 2024", app="aliud", action="lectio", data="corpus",
         purpose="studium", tier="pro", volume=[{"amount": 500, "unit": "rotuli"}],
         facts={"nuntiatum": "2024-01-01"}, period={"from": "2024-01-01", "until": "2024-12-31"}),
    # deadlines in hours: an instant, a late fact, and days that cannot tell
    dict(app="instrumentum", action="traditio", data="corpus", purpose="studium",
         recipients=["civitas"], facts={"rogatio": "2024-05-01T10:00:00Z", "nuntiatum": None},
         date=DAY),
    dict(app="instrumentum", action="traditio", data="corpus", purpose="studium",
         recipients=["civitas"], facts={"rogatio": "2024-05-01", "deletum": "2024-05-09",
                                        "nuntiatum": None}, date=DAY),
    dict(app="instrumentum", action="traditio", data="corpus", purpose="studium",
         recipients=["civitas"], facts={"rogatio": "2024-05-31", "nuntiatum": None},
         date=f"{DAY}T09:00:00Z"),
    # a clause of a schedule, for the schedule's own app
    dict(app="tertium", action="lectio", data="tabulae", purpose="venditio", date=DAY),
    # standards left to judgement: open (alone and jointly), found, found not, open but
    # changing nothing, and too many left open
    dict(app="aliud", action="scriptio", data="corpus", purpose="studium", date=DAY,
         facts=["nuntiatum"]),
    dict(app="aliud", action="scriptio", data="corpus", purpose="studium", date=DAY,
         facts=["nuntiatum"], findings={"aequum": False}),
    dict(app="aliud", action="scriptio", data="corpus", purpose="studium", date=DAY,
         facts=["nuntiatum"], findings={"aequum": True, "magnum": True}),
    dict(app="aliud", action="scriptio", data="corpus", purpose="studium", date=DAY,
         recipients=["alieni"], facts=["nuntiatum"], findings={"aequum": True}),
    dict(app="aliud", action="petitio", data="corpus", purpose="studium", date=DAY,
         facts=["nuntiatum"]),
    dict(app="aliud", action="scriptio", data="corpus", purpose="studium", date=DAY,
         facts=["nuntiatum"], findings={"magnum": False}),
    # three questions left open: an attribute whose one answer decides whatever the others
    # are, and two standards that decide only together with the others
    dict(app="aliud", action="mensura", data="corpus", date=DAY, facts=["nuntiatum", "par"]),
    # the parties' attributes and measures: stated (by the licensee and of the users), left
    # open where they turn the outcome (alone and in ranges), and open but changing nothing
    dict(app="aliud", action="donatio", data="corpus", date=DAY, facts=["nuntiatum"],
         licensee={"publicus": True, "multitudo": 0}, users={"aetas": 30, "consensus": True}),
    dict(app="aliud", action="donatio", data="corpus", date=DAY, facts=["nuntiatum"],
         licensee={"publicus": False, "multitudo": 0}, users={"aetas": 10, "consensus": False}),
    dict(app="aliud", action="donatio", data="corpus", date=DAY, facts=["nuntiatum"],
         users={"aetas": 30, "consensus": True}),
    dict(app="aliud", action="donatio", data="corpus", date=DAY, facts=["nuntiatum"],
         licensee={"publicus": False}, users={"aetas": 30, "consensus": True}),
    dict(app="aliud", action="donatio", data="corpus", date=DAY, facts=["nuntiatum"],
         licensee={"publicus": False, "multitudo": 0}),
    dict(app="aliud", action="donatio", data="corpus", date=DAY, facts=["nuntiatum"],
         users={"aetas": 10, "consensus": False}),
    # a duty refused
    dict(app="instrumentum", action="traditio", data="corpus", purpose="studium",
         recipients=["civitas"], facts={"rogatio": "2024-05-31", "nuntiatum": None},
         refuses=["delere"], date=DAY),
    # events: two facts' dates compared (holding, failing, left open, open to no effect), a
    # duty every 12 months (overdue, met, open), duties counted from termination and from the later
    # or earlier of two events
    dict(app="aliud", action="custodia", data="corpus", date=DAY,
         facts={"monitio": "2024-05-01", "censura": "2024-05-20", "censura_prior": "2024-01-10"}),
    dict(app="aliud", action="vigilia", data="corpus", date=DAY,
         facts={"monitio": "2024-05-15", "censura": "2024-05-20", "censura_prior": "2023-01-10",
                "nuntiatum": None}),
    dict(app="aliud", action="vigilia", data="corpus", date=DAY,
         facts={"monitio": None, "censura": "2024-05-20", "censura_prior": "2024-01-10",
                "nuntiatum": None}),
    dict(app="aliud", action="vigilia", data="corpus", date=DAY,
         facts={"monitio": None, "censura": "2024-05-20", "censura_prior": "2023-01-10",
                "nuntiatum": None}),
    dict(app="aliud", action="vigilia", data="corpus", date=DAY,
         facts={"monitio": "2024-05-01", "censura": "2024-05-20", "censura_prior": None,
                "nuntiatum": None}),
    # (a year after the agreement begins: no duty falls due before its clause binds)
    dict(app="aliud", action="custodia", data="corpus", date="2025-06-01",
         facts={"monitio": "2024-01-01", "probatio": "2024-03-01"}),
    dict(app="aliud", action="custodia", data="corpus", date="2025-06-01",
         facts={"monitio": "2024-01-01", "probatio": "2025-03-01", "cessatio": "2025-05-01"}),
    # (its event stated without a date, and the last time long ago: open)
    dict(app="aliud", action="custodia", data="corpus", date="2025-06-01",
         facts={"monitio": None, "probatio": "2024-03-01"}),
    # (and never done: open too)
    dict(app="aliud", action="custodia", data="corpus", date="2025-06-01",
         facts={"monitio": None}),
    dict(app="aliud", action="custodia", data="corpus", date="2031-02-01",
         facts={"cessatio": "2031-01-10"}),
    # acts: one a clause forbids (counting the licensee's apps), one that does a duty in time
    # and late, one that does not, and a duty whose time is left to judgement
    dict(act="inscriptio", app="instrumentum", purpose="studium", date=DAY),
    dict(act="inscriptio", app="quartum", purpose="venditio", date=DAY),
    dict(act="responsum", facts={"petitum": "2024-05-25"}, date=DAY),
    dict(act="responsum", facts={"petitum": "2024-05-01"}, date=DAY),
    # (done on a day stated, after a request of unknown date: in time or not, open)
    dict(act="responsum", facts={"petitum": None}, date=DAY),
    dict(act="recusatio", facts={"petitum": "2024-05-01"}, date=DAY),
    # an act uses no data: a condition on the data says so
    dict(act="negatio", date=DAY),
    dict(act="reparatio", facts={"periculum": "2024-05-01"}, findings={"mature": True},
         date=DAY),
    dict(act="reparatio", facts={"periculum": "2024-05-01"}, findings={"mature": False},
         date=DAY),
    dict(act="recusatio", facts={"periculum": "2024-05-01"}, findings={"mature": False},
         date=DAY),
    # (its event before the clause binds: counted from the day it binds)
    dict(act="reparatio", facts={"periculum": "2023-05-01"}, findings={"mature": True},
         date=DAY),
    # a limit per two keys, one the agreement declares
    dict(app="aliud", action="scriptio", data="corpus", purpose="studium", date=DAY,
         facts=["nuntiatum"], findings={"aequum": True},
         volume=[{"amount": 10, "unit": "rotuli", "per": "day"}]),
    # a fee for a total
    dict(app="aliud", action="lectio", data="corpus", purpose="studium", tier="pro",
         volume=[{"amount": 5000, "unit": "petitiones"}],
         period={"from": "2024-02-01", "until": "2024-02-29"}),
    # money: fees past a threshold whose reading is left open, a rate, a total spanning
    # several days; late charges; liability caps with a claim against either party, in one
    # currency and in two
    dict(app="aliud", action="solutio", data="corpus", purpose="studium", date=DAY,
         volume=[{"amount": 80, "unit": "rotuli"}], claim={"amount": 70, "unit": "denarii"}),
    dict(app="aliud", action="solutio", data="corpus", purpose="studium", date=DAY,
         findings={"omnes": False}, licensee={"multitudo": 10},
         volume=[{"amount": 100, "unit": "rotuli", "per": "hour"}]),
    dict(app="aliud", action="solutio", data="corpus", purpose="studium",
         period={"from": "2024-06-01", "until": "2024-06-05"}, findings={"omnes": True},
         licensee={"multitudo": 10, "publicus": False},
         volume=[{"amount": 400, "unit": "rotuli"}]),
    dict(app="aliud", action="solutio", data="corpus", purpose="studium", date=DAY,
         facts=["nuntiatum"], findings={"omnes": False}, licensee={"multitudo": 10},
         payments=[{"amount": 200, "unit": "denarii", "due": "2024-03-01", "paid": "2024-05-15"},
                   {"amount": 40, "unit": "denarii", "due": "2024-05-01"},
                   {"amount": 30, "unit": "denarii", "paid": "2024-01-10"}],
         claim={"amount": 5000, "unit": "denarii"}),
    dict(app="aliud", action="solutio", data="corpus", purpose="studium", date=DAY,
         findings={"omnes": False}, licensee={"multitudo": 10},
         claim={"amount": 5000, "unit": "denarii", "against": "licensee"}),
    # a late charge binding from a fact's day charges the periods begun from then on
    dict(app="aliud", action="solutio", data="corpus", purpose="studium",
         period={"from": "2024-05-01", "until": "2024-06-01"}, facts={"nuntiatum": "2024-05-10"},
         findings={"omnes": False}, licensee={"multitudo": 10},
         payments=[{"amount": 200, "unit": "denarii", "due": "2024-03-01", "paid": "2024-05-15"},
                   {"amount": 40, "unit": "denarii", "due": "2024-04-01"}]),
    dict(app="aliud", action="solutio", data="corpus", purpose="studium", date=DAY,
         findings={"omnes": False}, licensee={"multitudo": 10},
         payments=[{"amount": 30, "unit": "denarii", "paid": "2024-01-10"},
                   {"amount": 30, "unit": "nummi", "paid": "2024-02-10"}],
         claim={"amount": 5000, "unit": "denarii"}),
    # totals side by side in one window of a fee's threshold, counted together; and held by
    # one window in more than one way
    *(dict(app="aliud", action="solutio", data="corpus", purpose="studium",
           period={"from": DAY, "until": "2024-06-02"}, findings={"omnes": False},
           volume=[{"amount": 30, "unit": "rotuli", "from": start, "until": end}
                   for start, end in spans])
      for spans in ((("2024-06-01T01:00Z", "2024-06-01T02:00Z"),
                     ("2024-06-01T03:00Z", "2024-06-01T04:00Z")),
                    (("2024-06-01T01:00Z", "2024-06-01T02:00Z"),
                     ("2024-06-01T20:00Z", "2024-06-01T21:00Z"),
                     ("2024-06-02T12:00Z", "2024-06-02T13:00Z")))),
    # caps without a window, exceeded and kept: in total (a rate counted over the days, and
    # a total), per one of a unit, at once; and a total partly outside the days a cap binds
    dict(app="aliud", action="mensura", data="corpus",
         period={"from": "2024-01-01", "until": "2024-01-31"},
         volume=[{"amount": 100, "unit": "signa", "per": "day"},
                 {"amount": 12, "unit": "petitiones", "concurrent": True},
                 {"amount": 60, "unit": "signa", "per": "petitio"}]),
    dict(app="aliud", action="mensura", data="corpus",
         period={"from": "2024-01-01", "until": "2024-01-31"},
         volume=[{"amount": 500, "unit": "signa"},
                 {"amount": 5, "unit": "petitiones", "concurrent": True},
                 {"amount": 40, "unit": "signa", "per": "petitio"}]),
    dict(app="aliud", action="mensura", data="corpus",
         period={"from": "2024-01-01", "until": "2024-01-31"},
         volume=[{"amount": 5000, "unit": "signa", "from": "2023-12-01",
                  "until": "2024-01-31"}]),
    # a cap in total reached before the usage's period, and counted beside a rate over it
    dict(app="aliud", action="mensura", data="corpus", date=DAY,
         volume=[{"amount": 1000, "unit": "signa", "from": "2024-05-01", "until": "2024-05-31"}]),
    dict(app="aliud", action="mensura", data="corpus", date=DAY,
         volume=[{"amount": 500, "unit": "signa", "from": "2024-04-01", "until": "2024-04-30"},
                 {"amount": 500, "unit": "signa", "from": "2024-05-01", "until": "2024-05-31"}]),
    dict(app="aliud", action="mensura", data="corpus", date=DAY,
         volume=[{"amount": 600, "unit": "signa", "from": "2024-05-01", "until": "2024-05-31"},
                 {"amount": 20, "unit": "signa", "per": "hour"}]),
    # and judged by its shares stated within it on the days the cap binds, within it and over
    *(dict(app="aliud", action="mensura", data="corpus",
           period={"from": "2024-01-01", "until": "2024-01-31"},
           volume=[{"amount": 5000, "unit": "signa", "from": "2023-12-01",
                    "until": "2024-01-31"},
                   {"amount": early, "unit": "signa", "from": "2024-01-01",
                    "until": "2024-01-15"},
                   {"amount": 300, "unit": "signa", "from": "2024-01-16",
                    "until": "2024-01-31"}])
      for early in (600, 800)),
    # a total over days on which two limits bind the usage one after the other: more than
    # they allow together, and perhaps within them
    dict(app="aliud", action="pensio", data="corpus",
         period={"from": "2024-06-05", "until": "2024-06-15"},
         volume=[{"amount": 200, "unit": "rotuli"}]),
    dict(app="aliud", action="pensio", data="corpus",
         period={"from": "2024-06-05", "until": "2024-06-15"},
         volume=[{"amount": 70, "unit": "rotuli"}]),
    # a total over a period a fact's instant cuts, on one side of which alone a limit binds it:
    # the limit binds up to that instant, not through it
    dict(app="aliud", action="cursus", data="corpus",
         period={"from": "2024-02-01T00:00:00Z", "until": "2024-02-01T18:00:00Z"},
         facts={"mora": "2024-02-01T12:00:00Z"}, volume=[{"amount": 70, "unit": "rotuli"}]),
    # a period and a total from an instant to a whole day: to its end, 24:00, not through it
    dict(app="aliud", action="cursus", data="corpus",
         period={"from": "2024-02-01T12:00:00Z", "until": "2024-02-02"},
         volume=[{"amount": 15, "unit": "rotuli"}]),
    # and a total judged by its shares stated within it, one on each limit's days
    dict(app="aliud", action="pensio", data="corpus",
         period={"from": "2024-06-05", "until": "2024-06-15"},
         volume=[{"amount": 12, "unit": "rotuli"},
                 {"amount": 8, "unit": "rotuli", "from": "2024-06-05", "until": "2024-06-10"},
                 {"amount": 4, "unit": "rotuli", "from": "2024-06-11", "until": "2024-06-15"}]),
    # totals stated side by side, counted together: under a cap in total, over it, within it
    # and overlapping; in one window of a limit, over it and overlapping
    *(dict(app="aliud", action="mensura", data="corpus",
           period={"from": "2024-01-01", "until": "2024-01-31"},
           volume=[{"amount": early, "unit": "signa", "from": "2024-01-01", "until": end},
                   {"amount": 500, "unit": "signa", "from": "2024-01-16", "until": "2024-01-31"}])
      for early, end in ((600, "2024-01-15"), (400, "2024-01-15"), (600, "2024-01-20"))),
    # ... one of them a total counted by its shares, said with them
    dict(app="aliud", action="mensura", data="corpus",
         period={"from": "2024-01-01", "until": "2024-01-31"},
         volume=[{"amount": 800, "unit": "signa", "from": "2024-01-01", "until": "2024-01-15"},
                 {"amount": 300, "unit": "signa", "from": "2024-01-01", "until": "2024-01-07"},
                 {"amount": 300, "unit": "signa", "from": "2024-01-08", "until": "2024-01-15"},
                 {"amount": 500, "unit": "signa", "from": "2024-01-16", "until": "2024-01-31"}]),
    *(dict(app="aliud", action="vectio", data="corpus", date=DAY,
           volume=[{"amount": 30, "unit": "rotuli", "from": f"{DAY}T01:00Z",
                    "until": f"{DAY}T0{end}:00Z"},
                   {"amount": 30, "unit": "rotuli", "from": f"{DAY}T02:00Z",
                    "until": f"{DAY}T04:00Z"}])
      for end in (2, 3)),
    # ... and two that no one window holds: over the limit times the windows they span; and
    # within it, each within the limit alone, but both met by one window, which may hold both
    *(dict(app="aliud", action="vectio", data="corpus",
           period={"from": DAY, "until": "2024-06-02"},
           volume=[{"amount": early, "unit": "rotuli", "from": f"{DAY}T00:00Z",
                    "until": f"{DAY}T23:00Z"},
                   {"amount": late, "unit": "rotuli", "from": f"{DAY}T23:00Z",
                    "until": "2024-06-02T23:00Z"}])
      for early, late in ((40, 70), (30, 30))),
    # a total in one window of a limit, over it; and a single unit over two days that a fee
    # beyond 0 per day prices wherever it lies
    dict(app="aliud", action="pensio", data="corpus", date=DAY,
         volume=[{"amount": 20, "unit": "rotuli"}]),
    dict(app="aliud", action="largitio", data="corpus", purpose="studium",
         period={"from": DAY, "until": "2024-06-02"}, volume=[{"amount": 1, "unit": "rotuli"}]),
    # a proviso owed before an action, for a usage of a kind of that action (for venditio, only
    # E1, which carries it, lifts X4)
    dict(app="instrumentum", action="missio", data="corpus", purpose="venditio",
         recipients=["civitas"], date=DAY),
    # a duty its clause stops binding before it is due: no longer owed, done late or not
    dict(app="aliud", action="pensio", data="corpus",
         period={"from": "2024-06-05", "until": "2024-06-30"},
         facts={"petitum": "2024-06-05", "deletum": "2024-06-25"}),
    # incorporated documents: a prohibition and a limit overridden by those of a document that
    # prevails, and a prohibition that prevails over a permission while a finding says so
    dict(app="aliud", action="vectio", data="corpus", date=DAY,
         volume=[{"amount": 20, "unit": "rotuli", "per": "day"}]),
    dict(app="aliud", action="vectio", data="tabulae", date=DAY, findings={"praevalet": True}),
    # a fee owed only where a comparison of dates the usage cannot decide does not hold
    dict(app="aliud", action="solutio", data="corpus", purpose="studium", date=DAY,
         findings={"omnes": False}, licensee={"multitudo": 10},
         facts={"monitio": None, "censura": "2024-05-20"},
         volume=[{"amount": 7, "unit": "rotuli"}]),
    # a tier earned by what was paid, paid for and not
    dict(app="instrumentum", action="lectio", purpose="studium", date=DAY, tier="meritum",
         payments=[{"amount": 5, "unit": "denarii", "paid": "2024-01-02"}]),
    dict(app="instrumentum", action="lectio", purpose="studium", date=DAY, tier="meritum"),
    # paid in another currency, one payment and several: said not to count
    *(dict(app="instrumentum", action="lectio", purpose="studium", date=DAY, tier="meritum",
           payments=[{"amount": 10, "unit": "nummi", "paid": day} for day in days])
      for days in (["2024-05-01"], ["2024-05-01", "2024-05-02"])),
    # spent in another currency than an allowance in money: cannot be told within it
    dict(app="instrumentum", action="lectio", purpose="studium", date=DAY, tier="meritum",
         payments=[{"amount": 5, "unit": "denarii", "paid": "2024-01-02"}],
         facts={"nuntiatum": "2024-02-01"},
         volume=[{"amount": 10, "unit": "nummi"}, {"amount": 2, "unit": "nummi", "per": "day"}]),
    # a tier's price, and the least a tier costs
    dict(app="instrumentum", action="lectio", purpose="studium", date=DAY, tier="aureus"),
    dict(app="instrumentum", action="lectio", purpose="studium", date=DAY, tier="magnus"),
    # outside the agreement's life
    dict(app="instrumentum", action="lectio", purpose="studium", date="2023-06-01"),
    dict(app="instrumentum", action="lectio", purpose="studium", date="2031-06-01"),
    # a permission that survives the end permits no use after it
    dict(app="instrumentum", action="reditus", data="corpus", date="2031-06-01"),
]


@pytest.fixture(scope="module")
def decisions():
    agreement = licentia()
    return [contractdsl.permits(agreement, usage) for usage in USAGES]


def licentia():
    from contractdsl.syntax import parse_document

    return contractdsl.Agreement(documents=(parse_document(AGREEMENT, "locales.agreement"),
                                            parse_document(SCHEDULE, "appendix.agreement"),
                                            parse_document(REGULAE, "regulae.agreement"),
                                            parse_document(MORES, "mores.agreement")))


def named(decisions, name):
    (decision,) = [d for d in decisions if d.usage.name == name]
    return decision


def sentences(decision):
    """Every sentence of a decision: its reasons, its duties, what it misses and what the
    licensor may still do."""
    return ([r.text for r in decision.reasons] + [d.text for d in decision.obligations]
            + list(decision.missing) + [d.text for d in decision.licensor])


def keys(value) -> set[str]:
    """The message keys of a phrase and of the phrases inside it."""
    if isinstance(value, Phrase):
        return {value.key}.union(*(keys(v) for v in value.values.values()))
    if isinstance(value, Joined):
        return set().union(*(keys(v) for v in value.items))
    return set()


def test_every_sentence_is_a_phrase(decisions):
    for decision in decisions:
        for text in sentences(decision):
            assert isinstance(text, Phrase), text


def test_the_usages_reach_every_sentence_the_evaluator_can_say(decisions):
    used = set().union(*(keys(t) for d in decisions for t in sentences(d)))
    catalogue = {k for k in messages()["en"] if k.startswith("why.")}
    assert catalogue - used == set()  # every sentence is exercised here
    assert {k for k in used if k.startswith("why.")} - catalogue == set()


def english_fragments(phrase: Phrase, locale: str) -> set[str]:
    """The English words of a phrase's sentences (the text between the values) that the
    locale's own sentence does not also use."""
    out = set()
    for key in keys(phrase):
        english, local = messages()["en"][key], messages()[locale][key]
        for piece in re.split(r"{\w+}", english):
            piece = piece.strip(" ,;:()")
            words = re.findall(r"[A-Za-z']+", piece)
            if (len(words) >= 2 or any(len(w) >= 5 for w in words)) and piece not in local:
                out.add(piece)
    return out


@pytest.mark.parametrize("locale", ["nl", "fr"])
def test_no_english_sentence_in_a_dutch_or_french_explanation(decisions, locale):
    checked = 0
    for decision in decisions:
        explained = render_decision(decision, locale=locale)
        for text in sentences(decision):
            for fragment in english_fragments(text, locale):
                assert not re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", explained), (
                    locale, fragment, explained)
                checked += 1
    assert checked > 100  # the check looked at the English of many sentences


@pytest.mark.parametrize("locale", ["en", "nl", "fr"])
def test_explanations_say_dates_and_numbers_the_locale_s_way(decisions, locale):
    total = named(decisions, "5,000 rotuli in 2024")
    explained = render_decision(total, locale=locale)
    expected = {"en": ("1 January 2024", "5,000"), "nl": ("1 januari 2024", "5.000"),
                "fr": ("1er janvier 2024", "5\u202f000")}[locale]
    for piece in expected:
        assert piece in explained, (piece, explained)
    assert "2024-01-01" not in explained


def test_the_english_text_stays_as_the_json_output_shows_it(decisions):
    total = named(decisions, "5,000 rotuli in 2024")
    exceeded = [r for r in total.reasons if r.effect == "exceeds"]
    assert [r.text for r in exceeded] == [
        "allows no more than 10 Rotuli per day per app; 5,000 Rotuli from 2024-01-01 to "
        "2024-12-31 averages 13.66 per day over 366 days",
        "allows no more than 10 Rotuli per 7 days; 5,000 Rotuli from 2024-01-01 to 2024-12-31 "
        "averages 94.34 per 7 days over 53 windows of 7 days",
        "allows no more than 100 Rotuli per calendar month per app; 5,000 Rotuli from "
        "2024-01-01 to 2024-12-31 averages 416.67 per calendar month over 12 calendar months"]
    said = [r["text"] for r in json.loads(json.dumps(total.to_dict()))["reasons"]]
    assert [r.text for r in total.reasons] == said


def test_an_explanation_in_french_reads_as_french(decisions):
    first = render_decision(decisions[0], locale="fr")  # nothing permits it
    assert ("P3\u00a0: aucune autorisation applicable\u00a0: n’autorise pas l’usage\u00a0: "
            "la finalité `venditio` n’est pas un cas d’usage approuvé pour l’application "
            "`aliud` (approuvés\u00a0: aucun)") in first
    assert "P2\u00a0: aucune autorisation applicable\u00a0: n’autorise pas l’usage\u00a0: " \
           "la finalité `venditio` n’est pas « Studium »" in first


def test_an_explanation_in_dutch_reads_as_dutch(decisions):
    undecided = render_decision(named(decisions, "500 rotuli in 2024"), locale="nl")
    assert ("het grootste aantal Rotuli in één kalendermaand van 1 januari 2024 tot en met "
            "31 december 2024 (tier pro)") in undecided
    assert "Vermeld om te kunnen beslissen:" in undecided


STATUS_WORDS = {"en": ("subject to:", ", deadline: ", {"pending": "to do", "met": "met",
                                                     "breached": "breached",
                                                     "undetermined": "undetermined"}),
                "nl": ("Onder voorbehoud van:", ", uiterste datum: ",
                       {"pending": "te doen", "met": "nagekomen", "breached": "geschonden",
                        "undetermined": "onbepaald"}),
                "fr": ("Sous réserve de\u00a0:", ", échéance\u00a0: ",
                       {"pending": "à faire", "met": "respectée", "breached": "violée",
                        "undetermined": "indéterminée"})}


def test_the_plain_english_says_each_duty_s_deadline_and_status_as_dutch_and_french_do(
        decisions):
    """`explain()` in English says after each duty its clause, its deadline where it has one and
    its status, in the order the Dutch and French explanations say them: it said the clause
    alone, so a duty breached, met, to do or undetermined read alike."""
    statuses = set()
    for decision in decisions:
        if not decision.obligations:
            continue
        for locale, (heading, deadline, words) in STATUS_WORDS.items():
            lines = decision.explain(locale=locale).splitlines()
            first = lines.index(f"  {heading}") + 1
            semicolon = "\u00a0; " if locale == "fr" else "; "
            for duty, line in zip(decision.obligations, lines[first:]):
                said = line[line.rindex(f" ({duty.clause}"):]
                assert said.endswith(f"{semicolon}{words[duty.status]})"), (locale, line)
                assert (deadline in said) == (duty.deadline is not None), (locale, line)
                if locale == "en" and duty.deadline is not None:
                    assert f", deadline: {str(duty.deadline)[:10]}" in said, line
                statuses.add(duty.status)
    assert statuses == {"pending", "met", "breached", "undetermined"}


def test_a_decision_copied_or_pickled_is_still_said_in_every_locale(decisions):
    for decision in decisions:
        for twin in (pickle.loads(pickle.dumps(decision)), copy.deepcopy(decision)):
            assert twin == decision
            for locale in ("en", "nl", "fr"):
                assert render_decision(twin, locale=locale) == \
                    render_decision(decision, locale=locale)


def test_a_reason_written_by_hand_is_shown_as_written():
    from contractdsl.decision import Decision, Reason

    decision = Decision("denied", reasons=[Reason(clause="7", title=None, effect="prohibits",
                                                  text="hand-written words")])
    assert "hand-written words" in render_decision(decision, locale="nl")


RATE_TERMS = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
data content "content".
purpose research "research".
unit posts "posts".
app tool "Tool" approved for research.
clause 1: licensee may use content for research.
clause L: licensee must not read more than 100 posts per day.
"""


@pytest.mark.parametrize("amount, figure, outcome", [
    (36501, ("100.003", "100,003", "100,003"), "denied"),  # just over: not "100.00"
    (36499, ("99.997", "99,997", "99,997"), "permitted"),  # just under: not "100.00"
    (36600, ("100.27", "100,27", "100,27"), "denied"),  # two places show it
])
def test_a_converted_rate_shows_the_digits_that_set_it_apart_from_the_limit(
        amount, figure, outcome):
    terms = contractdsl.parse(RATE_TERMS)
    decision = contractdsl.permits(terms, {
        "app": "tool", "action": "read", "purpose": "research",
        "period": {"from": "2024-12-31", "until": "2025-01-01"},
        "volume": [{"amount": amount, "unit": "posts", "per": "calendar year"}]})
    assert decision.outcome == outcome
    (rate,) = [r for r in decision.reasons if r.clause == "L"]
    assert rate.text.endswith(f"comes to {figure[0]} per day")
    for locale, shown in zip(("en", "nl", "fr"), figure):
        assert f" {shown} per" in render_decision(decision, locale=locale) or \
            f" {shown} par" in render_decision(decision, locale=locale)


WINDOWS_TERMS = """\
agreement "Windows" version "1".
effective 2024-01-01.
action read "read posts".
data content "content".
unit posts "posts".
clause 1: licensee may read content.
clause S: licensee must not read more than 100 posts per 30 seconds.
clause D: licensee must not read more than 1,000 posts per day.
"""


@pytest.mark.parametrize("locale, several, one", [
    ("en", "fits in one window of 30 seconds", "fits in one day"),
    ("nl", "past in één periode van 30 seconden", "past in één dag"),
    ("fr", "tient dans une seule période (30 secondes)", "tient dans une seule période (jour)"),
])
def test_one_window_of_several_units_is_called_a_window(locale, several, one):
    decision = contractdsl.permits(contractdsl.parse(WINDOWS_TERMS), {
        "action": "read", "volume": [{"amount": 50, "unit": "posts"}],
        "period": {"from": "2024-01-01T00:00:00Z", "until": "2024-01-01T00:00:10Z"}})
    assert decision.outcome == "permitted"
    explained = render_decision(decision, locale=locale)
    assert several in explained and one in explained, explained
    assert not re.search(r"(one|één|une) 30", explained), explained


def test_an_act_is_said_to_use_no_data(decisions):
    (decision,) = [d for d in decisions if d.usage.act == "negatio"]
    (reason,) = [r for r in decision.reasons if r.clause == "XA"]
    assert reason.text.endswith("when `negatio` uses no data")
    for locale, words in (("en", "`negatio` uses no data"), ("nl", "`negatio` gebruikt geen "
                          "gegevens"), ("fr", "`negatio` n’utilise aucune donnée")):
        explained = render_decision(decision, locale=locale)
        assert words in explained and "None" not in explained, explained


@pytest.mark.parametrize("locale", ["en", "nl", "fr"])
@pytest.mark.parametrize("format", ["text", "markdown"])
def test_a_line_feed_or_control_character_in_a_reason_cannot_start_or_act_on_a_line(locale,
                                                                                     format):
    from contractdsl.decision import DENIED, Decision, Duty, Reason

    decision = Decision(DENIED, reasons=[Reason(
        clause="1", title="T\x1b[2J", effect="prohibits", text="x\n::error ::forged")],
        obligations=[Duty(clause="2\n::error ::c", title=None, text="d\n::error ::duty")],
        missing=["m\n::error ::missing"])
    said = decision.explain(locale=locale, format=format)
    assert not any(line.startswith("::error") for line in said.splitlines()), said
    assert "\x1b" not in said
    assert "x␊::error ::forged" in said and "m␊::error ::missing" in said
    assert "d␊::error ::duty" in said


# A fact at an instant within a day cuts the usage's period there; the part before it runs up to
# that instant without holding it, the fact holding from it on (docs/semantics.md, section 18).
CUT = """
agreement "Reads" version "1".
effective 2024-01-01.
action read "read the content".
data content "content".
unit posts "posts".
fact approval "the licensor approved the reads".
fact suspended "the licensor suspended the reads".
clause 1 "Licence": licensee may read content unless suspended.
clause 3 "Cap": licensee must not read more than 100 posts per day unless approval.
"""


def test_a_part_cut_at_an_instant_is_said_to_run_until_it_not_through_it():
    agreement = contractdsl.parse(CUT, "reads.agreement")
    assert contractdsl.check(agreement) == []
    # 150 posts over the whole period: the limit binds up to 12:00, and the share of that is
    # not stated; the usage's own last instant, 18:00, is in it
    capped = contractdsl.permits(agreement, {
        "action": "read",
        "period": {"from": "2024-03-05T00:00:00Z", "until": "2024-03-05T18:00:00Z"},
        "facts": {"approval": "2024-03-05T12:00:00Z"},
        "volume": [{"amount": 150, "unit": "posts"}]})
    assert capped.outcome == "undetermined"
    nl = render_decision(capped, "nl")
    assert "  - 5 maart 2024 00:00 UTC tot 5 maart 2024 12:00 UTC: 3 (Cap): niet te beslissen: " \
        "staat niet meer dan 100 posts per dag toe; 150 posts van 5 maart 2024 00:00 UTC tot " \
        "en met 5 maart 2024 18:00 UTC loopt verder dan de dagen van 5 maart 2024 00:00 UTC tot " \
        "5 maart 2024 12:00 UTC waarop de limiet" in nl
    assert "het aantal posts van 5 maart 2024 00:00 UTC tot 5 maart 2024 12:00 UTC (bepaling 3)" \
        in nl
    assert "tot en met 5 maart 2024 12:00" not in nl
    # English and French say a span between two instants alike whether or not it holds its end
    assert "  - 5 March 2024 00:00 UTC to 5 March 2024 12:00 UTC: 3 (Cap)" in \
        render_decision(capped, "en")
    assert "  - du 5 mars 2024 00:00 UTC au 5 mars 2024 12:00 UTC\xa0: 3 (Cap)" in \
        render_decision(capped, "fr")
    # suspended at 12:00 on a usage's day: the part from it runs to the day's end, 24:00, which
    # is the next day's first instant, not the day's
    suspended = contractdsl.permits(agreement, {
        "action": "read", "date": "2024-03-05", "facts": {"suspended": "2024-03-05T12:00:00Z"}})
    nl = render_decision(suspended, "nl")
    assert "  - 5 maart 2024 00:00 UTC tot 5 maart 2024 12:00 UTC: 1 (Licence): staat toe" in nl
    assert "  - 5 maart 2024 12:00 UTC tot 5 maart 2024 24:00 UTC: 1 (Licence): geen " \
        "toestemming van toepassing" in nl
    # from an instant to a whole day: to the day's end, 24:00, the next day's first instant
    later = render_decision(contractdsl.permits(agreement, {
        "action": "read", "period": {"from": "2024-03-05T12:00:00Z", "until": "2024-03-06"},
        "volume": [{"amount": 150, "unit": "posts"}]}), "nl")
    assert later.startswith("het gebruik van 5 maart 2024 12:00 UTC tot 6 maart 2024 24:00 UTC: ")
    assert "150 posts van 5 maart 2024 12:00 UTC tot 6 maart 2024 24:00 UTC" in later
    assert "het grootste aantal posts in één dag van 5 maart 2024 12:00 UTC tot 6 maart 2024 " \
        "24:00 UTC (bepaling 3)" in later
