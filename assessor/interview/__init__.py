"""The live interview: session state, screens, wording, and the questionary application."""
