//! Tidy checks that need no browser: every stylesheet's braces balance. A rebase once
//! left four rules unclosed in `style/office.css`; the browser then read the rest of
//! the file as nested rules and silently dropped them, and no test noticed.

use crate::{root, Result};

/// Every `style/*.css` file has balanced braces outside comments and strings.
pub fn stylesheets() -> Result {
    let dir = root().join("style");
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut problems = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "css") {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            if let Err(problem) = balanced(&text) {
                problems.push(format!("{}: {problem}", path.display()));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// Whether the braces of one stylesheet balance; the error names the line.
pub fn balanced(css: &str) -> std::result::Result<(), String> {
    let mut open: Vec<usize> = Vec::new();
    let mut line = 1;
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => line += 1,
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut previous = ' ';
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                    }
                    if previous == '*' && c == '/' {
                        break;
                    }
                    previous = c;
                }
            }
            '"' | '\'' => {
                let quote = c;
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '\n' => line += 1,
                        c if c == quote => break,
                        _ => {}
                    }
                }
            }
            '{' => open.push(line),
            '}' if open.pop().is_none() => return Err(format!("line {line}: '}}' closes nothing")),
            _ => {}
        }
    }
    match open.last() {
        Some(line) => Err(format!("line {line}: '{{' is never closed")),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::balanced;

    #[test]
    fn nested_rules_and_braces_in_comments_and_strings_balance() {
        let css = "@media print {\n  .a { content: \"}\"; }\n}\n/* { */\n.b { color: red }\n";
        assert_eq!(balanced(css), Ok(()));
    }

    #[test]
    fn an_unclosed_rule_is_reported_with_its_line() {
        let css = ".a { color: red }\n.b {\n  color: blue;\n.c { color: green }\n";
        assert_eq!(
            balanced(css),
            Err("line 2: '{' is never closed".to_string())
        );
    }

    #[test]
    fn a_stray_closing_brace_is_reported() {
        assert_eq!(
            balanced(".a { }\n}\n"),
            Err("line 2: '}' closes nothing".to_string())
        );
    }

    #[test]
    fn the_repository_stylesheets_balance() {
        assert_eq!(super::stylesheets(), Ok(()));
    }
}
