// SPDX-License-Identifier: MIT
// A real third-party OpenAI-compatible gateway between baton-cli and the simulator: Portkey's AI
// Gateway (npm @portkey-ai/gateway, installed by packaging/install-gateway.sh outside the
// repository) on loopback, routed by the pool's extra headers (x-portkey-provider,
// x-portkey-custom-host) to `baton-cli sim serve`. Proves the headers reach it (without them it
// refuses every call) and that the cost ledger of a run through it equals a direct run's.
// Skips, saying how to install, when node or the gateway is absent.

#include "cli_process.h"
#include "store/sqlite_db.h"
#include "io/task_export.h"
#include "sim/demo_tasks.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <fstream>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace baton::core;

using baton::test::CliResult;
using baton::test::runCli;

namespace {

std::string fixture(const char* name, const std::map<std::string, std::string>& fill) {
    QFile f(QString(BATON_TEST_DATA "/e2e/") + name);
    if (!f.open(QIODevice::ReadOnly)) qFatal("missing fixture %s", name);
    std::string text = f.readAll().toStdString();
    for (const auto& [key, value] : fill)
        for (size_t at; (at = text.find("@" + key + "@")) != std::string::npos;)
            text.replace(at, key.size() + 2, value);
    return text;
}

void writeFile(const QString& path, const std::string& text) {
    std::ofstream(path.toStdString()) << text;
}

int64_t query(const QString& db, const std::string& sql) {
    auto reader = SqliteDb::open(db.toStdString(), SqliteDb::Mode::ReadOnly);
    if (!reader) return -1;
    auto value = (*reader)->queryInt(sql);
    return value ? *value : -1;
}

/// A port nobody listens on right now (the gateway takes a fixed --port).
int freeLoopbackPort() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

QString gatewayScript() {
    QString dir = qEnvironmentVariable("BATON_GATEWAY_DIR", QDir::homePath() + "/.cache/baton/gateway");
    return dir + "/node_modules/@portkey-ai/gateway/build/start-server.js";
}

struct Ledger {
    int64_t ok = 0, failed = 0, inputTokens = 0, outputTokens = 0, costPico = 0, unknownCost = 0;
    bool operator==(const Ledger&) const = default;
};

Ledger ledger(const QString& db) {
    return {query(db, "SELECT COUNT(*) FROM calls WHERE status = 'ok'"),
            query(db, "SELECT COUNT(*) FROM calls WHERE status <> 'ok'"),
            query(db, "SELECT COALESCE(SUM(input_tokens), 0) FROM calls"),
            query(db, "SELECT COALESCE(SUM(output_tokens), 0) FROM calls"),
            query(db, "SELECT COALESCE(SUM(cost_pico), 0) FROM calls"),
            query(db, "SELECT COUNT(*) FROM calls WHERE cost_pico IS NULL")};
}

} // namespace

class TestCliGateway : public QObject {
    Q_OBJECT
    QProcess m_sim, m_gateway;
    QString m_simUrl, m_gatewayUrl;
    int64_t m_items = 0;
    QTemporaryDir m_dir;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();

    QString pool(const char* name, const QString& baseUrl, const std::string& headers) {
        QString path = m_dir.filePath(name);
        writeFile(path, fixture("gateway_pool.json", {{"BASE_URL", baseUrl.toStdString()}, {"HEADERS", headers}}));
        return path;
    }

    CliResult run(const QString& poolPath, const QString& db, const QStringList& extra = {}) {
        return runCli(QStringList{"run", "--pool", poolPath, "--tasks", m_dir.filePath("tasks.jsonl"), "--db", db,
                                  "--max-cost", "1", "--no-cache", "--json"} +
                          extra,
                      m_env);
    }

private slots:
    void initTestCase() {
        const QString node = QStandardPaths::findExecutable("node");
        if (node.isEmpty()) QSKIP("node is not installed (apt-get install nodejs npm): no gateway to test through");
        if (!QFile::exists(gatewayScript()))
            QSKIP(qPrintable("the gateway is not installed at " + gatewayScript() +
                             ": run `bash packaging/install-gateway.sh` (npm, @portkey-ai/gateway)"));
        TaskSet tasks = generateDemoTasks(21, 3);
        m_items = int64_t(tasks.items.size());
        writeFile(m_dir.filePath("tasks.jsonl"), taskSetToJsonl(tasks));

        m_sim.start(BATON_CLI, {"sim", "serve", "--json", "--profile", BATON_TEST_DATA "/e2e/gateway_profile.json",
                                "--tasks", m_dir.filePath("tasks.jsonl")});
        QVERIFY(m_sim.waitForStarted());
        QByteArray out;
        while (!out.contains("\n}") && m_sim.waitForReadyRead(10000))
            out += m_sim.readAllStandardOutput();
        m_simUrl = QJsonDocument::fromJson(out).object()["base_url"].toString();
        QVERIFY2(!m_simUrl.isEmpty(), out.constData());

        int port = freeLoopbackPort();
        QVERIFY(port > 0);
        m_gateway.setProcessChannelMode(QProcess::MergedChannels);
        m_gateway.start(node, {gatewayScript(), "--port=" + QString::number(port), "--headless"});
        QVERIFY(m_gateway.waitForStarted());
        QByteArray log;
        while (!log.contains("Ready for connections") && m_gateway.waitForReadyRead(30000))
            log += m_gateway.readAll();
        QVERIFY2(log.contains("Ready for connections"), log.constData());
        m_gatewayUrl = "http://127.0.0.1:" + QString::number(port) + "/v1";
        m_env.insert("BATON_GATEWAY_TEST_KEY", "sk-gateway-test-not-a-real-key");
    }

    void cleanupTestCase() {
        for (QProcess* p : {&m_gateway, &m_sim}) {
            if (p->state() == QProcess::NotRunning) continue;
            p->terminate();
            if (!p->waitForFinished(5000)) p->kill(), p->waitForFinished();
        }
    }

    // Whole responses only: this gateway (1.15.2 on Node 20) answers streamed requests to a custom
    // host with HTTP 500 ("TypeError: immutable" in its log; github.com/Portkey-AI/gateway/issues/1389).
    void headersRouteEveryCallAndTheLedgerMatchesADirectRun() {
        const QStringList extra;
        const QString tag;
        // The gateway chooses its upstream from the headers alone: provider and custom host.
        const std::string routed = "{\"x-portkey-provider\": \"openai\", \"x-portkey-custom-host\": \"" +
                                   m_simUrl.toStdString() + "\", \"x-portkey-trace-id\": \"baton-e2e\"}";
        QString viaGateway = m_dir.filePath("gateway" + tag + ".db");
        auto r = run(pool("gateway.json", m_gatewayUrl, routed), viaGateway, extra);
        QVERIFY2(r.exitCode == 0, r.err.constData());

        QString direct = m_dir.filePath("direct" + tag + ".db");
        auto d = run(pool("direct.json", m_simUrl, "{}"), direct, extra);
        QVERIFY2(d.exitCode == 0, d.err.constData());

        Ledger through = ledger(viaGateway), straight = ledger(direct);
        QCOMPARE(straight.ok, m_items * 2); // every item, both baselines
        QCOMPARE(through.failed, int64_t(0));
        QVERIFY(through.costPico > 0);
        QCOMPARE(through.unknownCost, int64_t(0));
        QCOMPARE(through, straight); // same calls, same tokens, same cost to the pico-dollar
        const std::string graded = "SELECT COUNT(*) FROM outcomes WHERE grade >= 1";
        QVERIFY(query(direct, graded) > 0);
        QCOMPARE(query(viaGateway, graded), query(direct, graded));
    }

    void withoutTheRoutingHeadersTheGatewayRefuses() {
        QString db = m_dir.filePath("unrouted.db");
        auto r = run(pool("unrouted.json", m_gatewayUrl, "{}"), db);
        Q_UNUSED(r);
        QCOMPARE(query(db, "SELECT COUNT(*) FROM calls WHERE status = 'ok'"), int64_t(0));
        // Its own refusal, in its own words, is what the call log says.
        QVERIFY(query(db, "SELECT COUNT(*) FROM calls WHERE error LIKE "
                          "'HTTP 400: Either x-portkey-config or x-portkey-provider header is required%'") > 0);
        // A refused request is not billed: known $0, never unknown.
        QCOMPARE(query(db, "SELECT COUNT(*) FROM calls WHERE cost_pico IS NULL"), int64_t(0));
        QCOMPARE(query(db, "SELECT COALESCE(SUM(cost_pico), 0) FROM calls"), int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestCliGateway)
#include "tst_cli_gateway.moc"
