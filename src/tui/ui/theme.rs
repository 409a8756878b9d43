//! Colours with meaning, and their fallback without colour (`NO_COLOR`): every
//! colour is paired with a word or symbol, so nothing is said by colour alone.

use crate::domain::ageing::Health;
use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn health(self, h: Health) -> Style {
        match h {
            Health::Critical => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Health::Stalled => self.fg(Color::LightRed),
            Health::Attention => self.fg(Color::Yellow),
            Health::Ok => self.fg(Color::Green),
            Health::Snoozed => self.fg(Color::Blue),
        }
    }

    /// Red without bold: urgent but not yet the worst.
    pub fn urgent(self) -> Style {
        self.fg(Color::Red)
    }

    pub fn warning(self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn saved(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn focused_border(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn matched(self) -> Style {
        self.fg(Color::Magenta)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
}

/// A symbol per health, so it reads without colour too.
pub fn health_symbol(h: Health) -> &'static str {
    match h {
        Health::Critical => "!!",
        Health::Stalled => "! ",
        Health::Attention => "~ ",
        Health::Ok => "  ",
        Health::Snoozed => "z ",
    }
}
