//! What the demo company sells and what its credit department writes down: invoice lines,
//! dispute reasons, notes.

use super::dice::Dice;

/// Brightwave sells electrical, lighting and installation supplies to businesses.
const PRODUCTS: &[&str] = &[
    "LED panel 60x60 cm 36 W",
    "Installation cable XVB 3G2.5, 100 m reel",
    "Circuit breaker 2P 16 A",
    "Cable tray 300 mm galvanised, 3 m",
    "Outdoor floodlight 100 W IP65",
    "Junction box IP55 (pack of 10)",
    "Residual current device 40 A 30 mA",
    "Emergency exit luminaire",
    "Cable ties 300 mm (box of 1000)",
    "Industrial socket 32 A 5P",
    "Distribution board 36 modules",
    "High-bay LED 150 W",
    "Conduit 20 mm, 3 m (bundle of 25)",
    "Heat-shrink tubing assortment",
    "Motion sensor 360°",
    "Solar cable 6 mm², 100 m",
    "Wall socket with earth, white (pack of 10)",
    "LED tube T8 150 cm (pack of 25)",
    "Earthing rod 1.5 m",
    "Rechargeable LED work light",
    "Copper busbar 30x5 mm, 4 m",
    "Track spotlight 20 W 3000 K",
    "Modular contactor 25 A",
    "Armoured cable SWA 4x10 mm², 50 m",
];

/// The description of an invoice: its main line and how many others.
pub(crate) fn invoice_description(dice: &mut Dice) -> String {
    let qty = *dice.pick(&[2, 4, 5, 6, 10, 12, 20, 24, 25, 40, 50, 100]);
    let main = dice.pick(PRODUCTS);
    match dice.below(4) {
        0 => format!("{qty} × {main}"),
        1 => format!("{qty} × {main} and 1 other line"),
        _ => format!("{qty} × {main} and {} other lines", dice.range(2, 14)),
    }
}

/// A customer's habit with purchase order numbers.
#[derive(Debug, Clone, Copy)]
pub(crate) enum PoStyle {
    None,
    /// "PO-2025-0142"
    Yearly,
    /// "4500012345", as SAP issues them.
    Sap(u64),
    /// "BC 45821", a French bon de commande.
    Short(&'static str),
}

impl PoStyle {
    pub fn draw(dice: &mut Dice) -> PoStyle {
        match dice.below(6) {
            0 | 1 => PoStyle::None,
            2 => PoStyle::Yearly,
            3 => PoStyle::Sap(4_500_000_000 + dice.below(90_000_000)),
            4 => PoStyle::Short("BC"),
            _ => PoStyle::Short("Order"),
        }
    }

    /// The PO number of the `n`th order placed in `year`.
    pub fn number(&self, year: i32, n: u64) -> String {
        match self {
            PoStyle::None => String::new(),
            PoStyle::Yearly => format!("PO-{year}-{:04}", n),
            PoStyle::Sap(base) => format!("{}", base + n),
            PoStyle::Short(prefix) => format!("{prefix} {}", 10_000 + n * 7 % 90_000),
        }
    }
}

/// Why an invoice is contested, and whether settling it takes a credit note.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DisputeReason {
    pub reason: &'static str,
    pub credited: bool,
}

const DISPUTES: &[DisputeReason] = &[
    DisputeReason {
        reason: "Goods damaged on delivery",
        credited: true,
    },
    DisputeReason {
        reason: "Price differs from quote",
        credited: true,
    },
    DisputeReason {
        reason: "Goods not received",
        credited: false,
    },
    DisputeReason {
        reason: "Quantity delivered short",
        credited: true,
    },
    DisputeReason {
        reason: "Wrong items delivered",
        credited: true,
    },
    DisputeReason {
        reason: "Agreed volume discount not applied",
        credited: true,
    },
    DisputeReason {
        reason: "No purchase order reference on the invoice",
        credited: false,
    },
    DisputeReason {
        reason: "Delivered late, penalty claimed",
        credited: true,
    },
];

pub(crate) fn dispute_reason(dice: &mut Dice) -> DisputeReason {
    *dice.pick(DISPUTES)
}

/// Notes any account may carry.
const GENERIC_NOTES: &[&str] = &[
    "Customer asks for invoices by e-mail only from now on.",
    "Payment run is on the 25th of the month.",
    "Customer changed bank; new account confirmed by phone.",
    "Credit limit reviewed at the annual check, unchanged.",
    "Visited the customer at their premises; business looks healthy.",
    "New accounts payable clerk; sent them our bank details again.",
    "Customer requested a copy of the general terms and conditions.",
    "Financial statements filed on time; no change in rating.",
];

pub(crate) fn generic_note(dice: &mut Dice) -> &'static str {
    dice.pick::<&'static str>(GENERIC_NOTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_and_po_numbers() {
        let mut dice = Dice::new(2, 2);
        for _ in 0..50 {
            let d = invoice_description(&mut dice);
            assert!(d.contains(" × "), "{d}");
            let style = PoStyle::draw(&mut dice);
            let po = style.number(2025, 3);
            assert_eq!(po.is_empty(), matches!(style, PoStyle::None));
        }
        assert_eq!(PoStyle::Yearly.number(2025, 142), "PO-2025-0142");
    }
}
