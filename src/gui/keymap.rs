//! Keys to commands: one table, used both to dispatch keys and to draw the F1 overlay, so the
//! overlay can never disagree with what the keys do.

use egui::{Context, Key, KeyboardShortcut, Modifiers};

use super::commands::Command;

/// One binding: a shortcut, the command it sends, and what the overlay says.
pub struct Binding {
    /// The key and modifiers.
    pub shortcut: KeyboardShortcut,
    /// The command sent.
    pub command: fn() -> Command,
    /// The overlay's description.
    pub description: &'static str,
}

const fn bind(
    modifiers: Modifiers,
    key: Key,
    command: fn() -> Command,
    description: &'static str,
) -> Binding {
    Binding {
        shortcut: KeyboardShortcut::new(modifiers, key),
        command,
        description,
    }
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};
const NONE: Modifiers = Modifiers::NONE;
const ALT: Modifiers = Modifiers::ALT;

/// Every binding, most specific first: egui matches modifiers loosely (Ctrl+Z also matches
/// Ctrl+Shift+Z), so the shifted forms must be tried before the plain ones.
pub const BINDINGS: &[Binding] = &[
    bind(CMD_SHIFT, Key::Z, || Command::Redo, "Redo"),
    bind(CMD_SHIFT, Key::S, || Command::SaveAs, "Save as…"),
    bind(
        CMD_SHIFT,
        Key::O,
        || Command::OpenFolder,
        "Open a folder of articles",
    ),
    bind(CMD, Key::Z, || Command::Undo, "Undo"),
    bind(CMD, Key::Y, || Command::Redo, "Redo"),
    bind(CMD, Key::S, || Command::Save, "Save"),
    bind(CMD, Key::O, || Command::Open, "Open files or a dataset"),
    bind(CMD, Key::F, || Command::Find, "Find a document"),
    bind(
        CMD,
        Key::Enter,
        || Command::DoneAndNext,
        "Mark done, go to next",
    ),
    bind(CMD, Key::L, || Command::ToggleLog, "Show or hide the log"),
    bind(CMD, Key::Q, || Command::Quit, "Quit"),
    bind(ALT, Key::ArrowRight, || Command::NextDoc, "Next document"),
    bind(
        ALT,
        Key::ArrowLeft,
        || Command::PrevDoc,
        "Previous document",
    ),
    bind(NONE, Key::PageDown, || Command::NextDoc, "Next document"),
    bind(NONE, Key::PageUp, || Command::PrevDoc, "Previous document"),
    bind(
        NONE,
        Key::Delete,
        || Command::DeleteSpan,
        "Remove the focused span",
    ),
    bind(
        NONE,
        Key::F1,
        || Command::ToggleHelp,
        "Show or hide this overlay",
    ),
    bind(
        NONE,
        Key::F3,
        || Command::ToggleOverview,
        "Dataset overview (plots), or back to the article",
    ),
    bind(
        NONE,
        Key::F4,
        || Command::ToggleAgreement,
        "Agreement view of a loaded comparison, or back",
    ),
    bind(
        NONE,
        Key::Num1,
        || Command::SetLabel(1),
        "Label selection with label 1",
    ),
    bind(NONE, Key::Num2, || Command::SetLabel(2), "… label 2"),
    bind(NONE, Key::Num3, || Command::SetLabel(3), "… label 3"),
    bind(NONE, Key::Num4, || Command::SetLabel(4), "… label 4"),
    bind(NONE, Key::Num5, || Command::SetLabel(5), "… label 5"),
    bind(NONE, Key::Num6, || Command::SetLabel(6), "… label 6"),
    bind(NONE, Key::Num7, || Command::SetLabel(7), "… label 7"),
    bind(NONE, Key::Num8, || Command::SetLabel(8), "… label 8"),
    bind(NONE, Key::Num9, || Command::SetLabel(9), "… label 9"),
];

/// True for bindings that must still work while a text field has focus.
fn works_in_text_field(b: &Binding) -> bool {
    b.shortcut.modifiers.command || b.shortcut.modifiers.ctrl || b.shortcut.logical_key == Key::F1
}

/// Consume this frame's key presses that match a binding and return their commands.
///
/// Plain keys (digits, Delete, PageUp) are left to a focused text field; Ctrl ones always fire.
pub fn commands_from_keys(ctx: &Context) -> Vec<Command> {
    let typing = ctx.egui_wants_keyboard_input();
    let mut out = Vec::new();
    ctx.input_mut(|input| {
        for b in BINDINGS {
            if typing && !works_in_text_field(b) {
                continue;
            }
            // A plain key must not fire when modifiers are held (Ctrl+1 is not "label 1").
            if b.shortcut.modifiers.is_none() && !input.modifiers.is_none() {
                continue;
            }
            while input.consume_shortcut(&b.shortcut) {
                out.push((b.command)());
            }
        }
    });
    out
}

/// The F1 overlay: every binding, generated from [`BINDINGS`].
pub fn shortcuts_overlay(ctx: &Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts_grid")
                .striped(true)
                .num_columns(2)
                .show(ui, |ui| {
                    for b in BINDINGS {
                        ui.monospace(ctx.format_shortcut(&b.shortcut));
                        ui.label(b.description);
                        ui.end_row();
                    }
                });
            ui.label("Plain keys do not fire while a text field has focus; Ctrl ones do.");
        });
}
