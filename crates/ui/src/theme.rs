//! Light, dark or the system's choice, and the panel's style sheet (scoped under `.pi-panel`;
//! hosts put it in a shadow root so that neither side's styles reach the other).

use std::str::FromStr;

/// Which colours the panel uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    #[default]
    Auto,
    /// Light, whatever the system says.
    Light,
    /// Dark, whatever the system says.
    Dark,
}

impl Theme {
    /// The value of the panel's `data-theme` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }
}

impl FromStr for Theme {
    type Err = std::convert::Infallible;
    /// Reads a host's `theme` attribute; anything but `light` or `dark` means automatic.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(match text.trim().to_ascii_lowercase().as_str() {
            "light" => Self::Light,
            "dark" => Self::Dark,
            _ => Self::Auto,
        })
    }
}

/// The panel's style sheet.
pub const STYLE: &str = include_str!("style.css");
