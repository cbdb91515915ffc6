//! How each demo customer pays: the six patterns the segments of DESIGN §6 are meant to find
//! again from the history alone.
//!
//! Time in the history is measured in per mille: 0 is two years before `as_of`, 1000 is `as_of`.

use super::dice::Dice;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Behaviour {
    /// Pays within a few days of the due date, sometimes early.
    Punctual,
    /// Pays 10 to 25 days late, right after a reminder would have gone out.
    Forgetful,
    /// Consistently 30 to 60 days late.
    LatePayer,
    /// Later and later, partial payments, broken promises, items left open.
    Struggling,
    /// Contests many invoices.
    Disputing,
    /// A customer of the last two or three months, with little history.
    New,
}

impl Behaviour {
    const MIX: [(Behaviour, u32); 6] = [
        (Behaviour::Punctual, 35),
        (Behaviour::Forgetful, 20),
        (Behaviour::LatePayer, 20),
        (Behaviour::Struggling, 10),
        (Behaviour::Disputing, 8),
        (Behaviour::New, 7),
    ];

    pub fn draw(dice: &mut Dice) -> Behaviour {
        *dice.weighted(&Self::MIX)
    }
}

/// One customer's way of paying: its behaviour and the traits drawn for it.
#[derive(Debug, Clone)]
pub(crate) struct Habit {
    pub behaviour: Behaviour,
    /// Punctual: share of invoices paid early, per mille.
    early_pm: u32,
    /// Late payer: the usual number of days late.
    usual_delay: i64,
    /// Struggling: when the decline starts, and how late it ends.
    decline_from_pm: i64,
    final_delay: i64,
}

impl Habit {
    pub fn new(behaviour: Behaviour, dice: &mut Dice) -> Habit {
        Habit {
            behaviour,
            early_pm: dice.range(50, 300) as u32,
            usual_delay: dice.range(36, 52),
            decline_from_pm: dice.range(150, 500),
            final_delay: dice.range(95, 140),
        }
    }

    /// Struggling: when, per mille into the history, the payments start slipping.
    pub fn decline_from_pm(&self) -> i64 {
        self.decline_from_pm
    }

    /// Days after the due date an invoice issued at `t_pm` is paid; negative is early.
    pub fn delay(&self, dice: &mut Dice, t_pm: i64) -> i64 {
        match self.behaviour {
            Behaviour::Punctual => {
                if dice.chance(self.early_pm) {
                    dice.range(-10, -2)
                } else if dice.chance(850) {
                    dice.range(-2, 3)
                } else {
                    dice.range(4, 9)
                }
            }
            Behaviour::Forgetful => {
                if dice.chance(300) {
                    dice.range(-2, 4)
                } else {
                    // A first reminder a week after the due date, paid a few days to two
                    // weeks after it.
                    dice.range(10, 25)
                }
            }
            Behaviour::LatePayer => (self.usual_delay + dice.range(-7, 8)).clamp(30, 60),
            Behaviour::Struggling => {
                let progress = (t_pm - self.decline_from_pm).max(0);
                let span = 1000 - self.decline_from_pm;
                let trend = 5 + (self.final_delay - 5) * progress / span;
                trend + dice.range(-5, 15)
            }
            Behaviour::Disputing => dice.range(-3, 18),
            Behaviour::New => {
                if dice.chance(750) {
                    dice.range(-3, 4)
                } else {
                    dice.range(5, 15)
                }
            }
        }
    }

    /// Whether an invoice issued at `t_pm` is paid in instalments.
    pub fn pays_in_parts(&self, dice: &mut Dice, t_pm: i64) -> bool {
        let per_mille = match self.behaviour {
            Behaviour::Struggling if t_pm >= self.decline_from_pm => 250 + (t_pm * 300 / 1000),
            Behaviour::Struggling => 60,
            Behaviour::LatePayer => 30,
            _ => 5,
        };
        dice.chance(per_mille as u32)
    }

    /// Whether, after a part payment, the rest stays unpaid.
    pub fn leaves_rest_unpaid(&self, dice: &mut Dice, t_pm: i64) -> bool {
        match self.behaviour {
            Behaviour::Struggling if t_pm > 600 => dice.chance(250),
            _ => false,
        }
    }

    /// How often an invoice is contested, per mille.
    pub fn dispute_pm(&self) -> u32 {
        match self.behaviour {
            Behaviour::Disputing => 250,
            Behaviour::Struggling => 40,
            Behaviour::New => 0,
            _ => 12,
        }
    }

    /// How often a call about an invoice long overdue ends in a promise to pay, per mille.
    pub fn promise_pm(&self) -> u32 {
        match self.behaviour {
            Behaviour::Struggling => 550,
            Behaviour::LatePayer => 120,
            Behaviour::Forgetful => 60,
            _ => 100,
        }
    }

    /// How often a promise made at `t_pm` is kept, per mille.
    pub fn keeps_promise_pm(&self, t_pm: i64) -> u32 {
        match self.behaviour {
            Behaviour::Struggling => (700 - t_pm / 2).max(150) as u32,
            Behaviour::LatePayer => 800,
            _ => 850,
        }
    }

    /// How often an invoice paid at least ten days late gets a reminder call first, per mille.
    pub fn reminder_call_pm(&self) -> u32 {
        match self.behaviour {
            Behaviour::Forgetful => 250,
            Behaviour::Struggling => 300,
            Behaviour::LatePayer => 100,
            _ => 80,
        }
    }

    /// How often the customer pays with a structured reference (else with free text).
    pub fn structured_reference_pm(&self) -> u32 {
        match self.behaviour {
            Behaviour::Punctual => 800,
            Behaviour::Struggling => 300,
            _ => 600,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delays(behaviour: Behaviour, t_pm: i64) -> Vec<i64> {
        let mut dice = Dice::new(21, 21);
        let habit = Habit::new(behaviour, &mut dice);
        (0..300).map(|_| habit.delay(&mut dice, t_pm)).collect()
    }

    fn mean(v: &[i64]) -> i64 {
        v.iter().sum::<i64>() / v.len() as i64
    }

    #[test]
    fn delays_follow_the_pattern() {
        assert!(
            delays(Behaviour::Punctual, 500)
                .iter()
                .all(|d| (-10..=9).contains(d))
        );
        let late = delays(Behaviour::LatePayer, 500);
        assert!(late.iter().all(|d| (30..=60).contains(d)));
        let forgetful = delays(Behaviour::Forgetful, 500);
        assert!(forgetful.iter().filter(|d| **d >= 10).count() > 150);
        let early = mean(&delays(Behaviour::Struggling, 100));
        let lately = mean(&delays(Behaviour::Struggling, 1000));
        assert!(lately > early + 60, "{early} then {lately}");
    }

    #[test]
    fn the_mix_has_every_behaviour() {
        let mut dice = Dice::new(1, 1);
        let mut counts = std::collections::HashMap::new();
        for _ in 0..1000 {
            *counts.entry(Behaviour::draw(&mut dice)).or_insert(0) += 1;
        }
        assert_eq!(counts.len(), 6);
        assert!((300..400).contains(&counts[&Behaviour::Punctual]));
    }
}
