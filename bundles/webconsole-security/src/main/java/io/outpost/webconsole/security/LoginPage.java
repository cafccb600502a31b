package io.outpost.webconsole.security;

import java.io.IOException;
import java.io.PrintWriter;

import org.owasp.encoder.Encode;

import jakarta.servlet.http.HttpServletResponse;

/** The login form: a page of its own (not inside the console frame), posted to {@link ConsoleLogin#LOGIN_PATH}. */
final class LoginPage {

    private LoginPage() {
    }

    static void send(HttpServletResponse response, int status, String action, String next, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter w = response.getWriter();
        w.println("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Outpost gateway: log in</title>");
        w.println("<style>body{font-family:sans-serif;background:#f3f4f6;margin:0}form{max-width:20em;margin:10vh auto;"
            + "background:#fff;padding:2em;border-radius:6px;box-shadow:0 1px 4px #0003}label{display:block;margin-top:1em}"
            + "input{width:100%;box-sizing:border-box;padding:.4em}button{margin-top:1.5em;padding:.5em 2em}"
            + ".message{color:#b00020}</style></head><body>");
        w.println("<form id='login' method='post' action='" + Encode.forHtmlAttribute(action) + "'>");
        w.println("<h1>Outpost gateway</h1>");
        if (message != null && !message.isEmpty()) {
            w.println("<p class='message' id='login-message'>" + Encode.forHtml(message) + "</p>");
        }
        w.println("<input type='hidden' name='next' value='" + Encode.forHtmlAttribute(next) + "'>");
        w.println("<label>User <input name='j_username' id='j_username' autocomplete='username' autofocus></label>");
        w.println("<label>Password <input type='password' name='j_password' id='j_password' autocomplete='current-password'></label>");
        w.println("<button type='submit' id='login-submit'>Log in</button></form></body></html>");
    }
}
